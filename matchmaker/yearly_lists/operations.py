"""Writes every yearly list shares: create and edit the list, add, remove and order entries,
their English title and summary, and publication with its check of what is still missing.
Audit actions are named after the kind ("key_problems.published"). Operations flush; views commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.models import User
from matchmaker.yearly_lists import queries
from matchmaker.yearly_lists.kind import YearlyKind


class ListError(Exception):
    """A change refused by a rule of the yearly list; the message is shown to the user."""


def create_list(kind: YearlyKind, year: int, target: int, title: str, actor: User) -> Any:
    if queries.by_year(kind, year) is not None:
        raise ListError(_("%(year)d 年度的榜单已经存在。", year=year))
    the_list = kind.list_model(year=year, target=target, title=title or kind.default_title(year))
    db.session.add(the_list)
    db.session.flush()
    audit.record(f"{kind.name}.list_created", the_list, actor=actor, year=year, target=target)
    return the_list


def update_list(kind: YearlyKind, the_list: Any, values: dict, actor: User) -> None:
    for name in ("target", "title", "intro", "intro_en"):
        setattr(the_list, name, values[name])
    db.session.flush()
    audit.record(f"{kind.name}.list_edited", the_list, actor=actor, target=the_list.target)


def check_addable(kind: YearlyKind, the_list: Any, item: Any, not_in_pool: str) -> None:
    """Only posts of the pool's statuses, and each post once per year."""
    if item.status not in kind.pool:
        raise ListError(not_in_pool)
    exists = sa.select(kind.entry_model.id).where(kind.entry_model.list_id == the_list.id, kind.item_id == item.id)
    if db.session.scalar(exists) is not None:
        raise ListError(_("“%(title)s”已在榜单中。", title=item.title))


def add_entry(kind: YearlyKind, the_list: Any, item: Any, actor: User, not_in_pool: str, **values: Any) -> Any:
    """A new entry at the end of the list, its English prefilled from the post's own."""
    check_addable(kind, the_list, item, not_in_pool)
    last = db.session.scalar(
        sa.select(sa.func.max(kind.entry_model.position)).where(kind.entry_model.list_id == the_list.id)
    )
    entry = kind.entry_model(
        list=the_list,
        position=(last or 0) + 1,
        title_en=item.title_en,
        summary_en=getattr(item, "summary_en", ""),
        **{kind.item_attr: item},
        **values,
    )
    db.session.add(entry)
    db.session.flush()
    audit.record(
        f"{kind.name}.entry_added", entry, actor=actor, year=the_list.year, **{f"{kind.item_attr}_id": item.id}
    )
    return entry


def remove_entry(kind: YearlyKind, entry: Any, actor: User) -> None:
    item_id = getattr(entry, f"{kind.item_attr}_id")
    audit.record(
        f"{kind.name}.entry_removed", entry, actor=actor, year=entry.list.year, **{f"{kind.item_attr}_id": item_id}
    )
    db.session.delete(entry)
    db.session.flush()


def move_entry(kind: YearlyKind, entry: Any, step: int) -> None:
    """Swap with the neighbour above (step -1) or below (+1) within the same chain."""
    model = kind.entry_model
    same_chain = (
        sa.select(model)
        .join(kind.item_rel)
        .where(
            model.list_id == entry.list_id,
            kind.item_model.primary_chain_id == entry.item.primary_chain_id,
            *kind.listed(),
        )
    )
    if step < 0:
        same_chain = same_chain.where(model.position < entry.position).order_by(model.position.desc())
    else:
        same_chain = same_chain.where(model.position > entry.position).order_by(model.position)
    neighbour = db.session.scalar(same_chain.limit(1))
    if neighbour is not None:
        entry.position, neighbour.position = neighbour.position, entry.position
        db.session.flush()


def update_english(kind: YearlyKind, entry: Any, title_en: str, summary_en: str, actor: User) -> None:
    entry.title_en, entry.summary_en = title_en, summary_en
    db.session.flush()
    audit.record(f"{kind.name}.entry_english", entry, actor=actor, year=entry.list.year)


@dataclass
class Gaps:
    """What the list still lacks before it faces the world; publishing with gaps needs a confirmation.
    A kind adds its own lists (past deadlines, evaluations) by subclassing and extending `lacking`."""

    count: int
    target: int
    without_english: list[Any] = field(default_factory=list)
    not_shown: list[Any] = field(default_factory=list)  # post withdrawn meanwhile: the public page skips it
    intro_en_missing: bool = False

    @property
    def short_by(self) -> int:
        return max(self.target - self.count, 0)

    def lacking(self) -> tuple[list[Any], ...]:
        return (self.without_english, self.not_shown)

    def __bool__(self) -> bool:
        return bool(self.short_by or self.intro_en_missing or any(self.lacking()))


def common_gaps(kind: YearlyKind, the_list: Any, entries: list[Any]) -> dict[str, Any]:
    """The fields of Gaps every kind checks, for the kind's own Gaps class."""
    return {
        "count": len(entries),
        "target": the_list.target,
        "without_english": [e for e in entries if not e.english_title],
        "not_shown": [e for e in entries if e.item.status not in kind.shown],
        "intro_en_missing": not the_list.intro_en,
    }


def publish(
    kind: YearlyKind,
    the_list: Any,
    entries: list[Any],
    gaps: Gaps,
    actor: User,
    confirmed: bool,
    empty_message: str,
    tell: Callable[[], None],
) -> None:
    """Publish; a list with gaps only once confirmed. `tell` notifies whom the kind notifies."""
    if the_list.published_at is not None:
        raise ListError(_("榜单已经发布。"))
    if not entries:
        raise ListError(empty_message)
    if not confirmed and gaps:
        raise ListError(_("榜单尚有缺项（见“发布前检查”），请勾选确认后再发布。"))
    the_list.published_at = datetime.now(UTC)
    db.session.flush()
    audit.record(f"{kind.name}.published", the_list, actor=actor, year=the_list.year, count=len(entries))
    tell()


def unpublish(kind: YearlyKind, the_list: Any, actor: User) -> None:
    if the_list.published_at is None:
        raise ListError(_("榜单尚未发布。"))
    the_list.published_at = None
    db.session.flush()
    audit.record(f"{kind.name}.unpublished", the_list, actor=actor, year=the_list.year)
