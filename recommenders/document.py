"""Plain data carried in and out of the library (no Flask, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field

SIDES: tuple[str, str] = ("challenge", "capability")


@dataclass(frozen=True)
class Document:
    """One post: a firm challenge or a university capability."""

    id: str
    title: str
    description: str = ""
    chains: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass
class Ranked:
    """One ranked result: the other side's id, its score and the words that explain it."""

    id: str
    score: float
    terms: list[str] = field(default_factory=list)


def other_side(side: str) -> str:
    """The side a document of `side` is matched against."""
    check_side(side)
    return SIDES[1] if side == SIDES[0] else SIDES[0]


def check_side(side: str) -> None:
    """Fail early and clearly on a misspelt side name."""
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}, got {side!r}")
