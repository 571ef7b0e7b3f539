"""One write per request, the way views do it: commit when the operation succeeds; when it is
refused, roll back and show the user the operation's own message (refusals carry a message written
for users — EventError, MeetingError and the like)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask import flash

from matchmaker.extensions import db

T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """A committed write and what the operation returned (truthy even when the value is not)."""

    value: T


def attempt(
    write: Callable[[], T],
    refused: type[Exception] | tuple[type[Exception], ...],
    done: str | Callable[[T], str] | None = None,
    category: str = "success",
) -> Done[T] | None:
    """Run `write`; commit and flash `done` (a message, or one made from the result), or roll back
    and flash the refusal as a warning and return None."""
    try:
        value = write()
    except refused as error:
        db.session.rollback()
        flash(str(error), "warning")
        return None
    db.session.commit()
    if done is not None:
        flash(done(value) if callable(done) else done, category)
    return Done(value)
