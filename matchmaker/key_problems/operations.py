"""Writes on the yearly key-problem list. Organisers curate; the firm that owns a listed
challenge may write its entry's English title and summary. Operations flush; views commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.key_problems import queries
from matchmaker.models import Challenge, KeyProblemEntry, KeyProblemList, User
from matchmaker.notifications.operations import notify_organization
from matchmaker.timezones import local_today


class ListError(Exception):
    """A change refused by a rule of the yearly list; the message is shown to the user."""


def create_list(year: int, target: int, title: str, actor: User) -> KeyProblemList:
    if queries.by_year(year) is not None:
        raise ListError(_("%(year)d 年度的榜单已经存在。", year=year))
    kp_list = KeyProblemList(year=year, target=target, title=title or default_title(year))
    db.session.add(kp_list)
    db.session.flush()
    audit.record("key_problems.list_created", kp_list, actor=actor, year=year, target=target)
    return kp_list


def default_title(year: int) -> str:
    return _("%(year)d年度产业关键技术难题榜单", year=year)


def update_list(kp_list: KeyProblemList, values: dict, actor: User) -> None:
    for name in ("target", "title", "intro", "intro_en"):
        setattr(kp_list, name, values[name])
    db.session.flush()
    audit.record("key_problems.list_edited", kp_list, actor=actor, target=kp_list.target)


def add_entry(kp_list: KeyProblemList, challenge: Challenge, actor: User) -> KeyProblemEntry:
    if challenge.status not in queries.POOL:
        raise ListError(_("只能选入已发布的技术需求。"))
    exists = sa.select(KeyProblemEntry.id).where(
        KeyProblemEntry.list_id == kp_list.id, KeyProblemEntry.challenge_id == challenge.id
    )
    if db.session.scalar(exists) is not None:
        raise ListError(_("“%(title)s”已在榜单中。", title=challenge.title))
    last = db.session.scalar(
        sa.select(sa.func.max(KeyProblemEntry.position)).where(KeyProblemEntry.list_id == kp_list.id)
    )
    entry = KeyProblemEntry(
        list=kp_list,
        challenge=challenge,
        position=(last or 0) + 1,
        title_en=challenge.title_en,
        summary_en=challenge.summary_en,
    )
    db.session.add(entry)
    db.session.flush()
    audit.record("key_problems.entry_added", entry, actor=actor, year=kp_list.year, challenge_id=challenge.id)
    return entry


def remove_entry(entry: KeyProblemEntry, actor: User) -> None:
    audit.record(
        "key_problems.entry_removed", entry, actor=actor, year=entry.list.year, challenge_id=entry.challenge_id
    )
    db.session.delete(entry)
    db.session.flush()


def move_entry(entry: KeyProblemEntry, step: int) -> None:
    """Swap with the neighbour above (step -1) or below (+1) within the same chain."""
    same_chain = (
        sa.select(KeyProblemEntry)
        .join(KeyProblemEntry.challenge)
        .where(
            KeyProblemEntry.list_id == entry.list_id,
            Challenge.primary_chain_id == entry.challenge.primary_chain_id,
        )
    )
    if step < 0:
        same_chain = same_chain.where(KeyProblemEntry.position < entry.position).order_by(
            KeyProblemEntry.position.desc()
        )
    else:
        same_chain = same_chain.where(KeyProblemEntry.position > entry.position).order_by(KeyProblemEntry.position)
    neighbour = db.session.scalar(same_chain.limit(1))
    if neighbour is not None:
        entry.position, neighbour.position = neighbour.position, entry.position
        db.session.flush()


def update_english(entry: KeyProblemEntry, title_en: str, summary_en: str, actor: User) -> None:
    entry.title_en, entry.summary_en = title_en, summary_en
    db.session.flush()
    audit.record("key_problems.entry_english", entry, actor=actor, year=entry.list.year)


@dataclass
class Gaps:
    """What the list still lacks before it faces the world; publishing with gaps needs a confirmation."""

    count: int
    target: int
    without_english: list[KeyProblemEntry] = field(default_factory=list)
    not_shown: list[KeyProblemEntry] = field(default_factory=list)  # withdrawn meanwhile: the public page skips them
    past_deadline: list[KeyProblemEntry] = field(default_factory=list)
    intro_en_missing: bool = False

    @property
    def short_by(self) -> int:
        return max(self.target - self.count, 0)

    def __bool__(self) -> bool:
        lacking = (self.without_english, self.not_shown, self.past_deadline)
        return bool(self.short_by or self.intro_en_missing or any(lacking))


def publish_gaps(kp_list: KeyProblemList) -> Gaps:
    entries = kp_list.entries
    today = local_today()
    return Gaps(
        count=len(entries),
        target=kp_list.target,
        without_english=[e for e in entries if not (e.title_en or e.challenge.title_en)],
        not_shown=[e for e in entries if e.challenge.status not in queries.SHOWN],
        past_deadline=[e for e in entries if e.challenge.deadline is not None and e.challenge.deadline < today],
        intro_en_missing=not kp_list.intro_en,
    )


def publish(kp_list: KeyProblemList, actor: User, confirmed: bool = False) -> None:
    """Publish; a list short of its target or lacking English (see Gaps) only once confirmed."""
    if kp_list.published_at is not None:
        raise ListError(_("榜单已经发布。"))
    entries = kp_list.entries
    if not entries:
        raise ListError(_("榜单还是空的：请先选入技术需求再发布。"))
    if not confirmed and publish_gaps(kp_list):
        raise ListError(_("榜单尚有缺项（见“发布前检查”），请勾选确认后再发布。"))
    kp_list.published_at = datetime.now(UTC)
    db.session.flush()
    audit.record("key_problems.published", kp_list, actor=actor, year=kp_list.year, count=len(entries))
    link = url_for("key_problems.public_year", year=kp_list.year)
    for org_id in sorted({e.challenge.organization_id for e in entries}):
        notify_organization(
            org_id,
            "key_problems.published",
            _("您的技术需求入选%(title)s", title=kp_list.title),
            _("榜单已向社会发布，欢迎补充英文标题和摘要，便于面向全球征集解决方案。"),
            link,
        )


def unpublish(kp_list: KeyProblemList, actor: User) -> None:
    if kp_list.published_at is None:
        raise ListError(_("榜单尚未发布。"))
    kp_list.published_at = None
    db.session.flush()
    audit.record("key_problems.unpublished", kp_list, actor=actor, year=kp_list.year)
