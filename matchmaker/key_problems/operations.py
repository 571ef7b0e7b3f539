"""Writes on the yearly key-problem list. Organisers curate; the firm that owns a listed
challenge may write its entry's English title and summary. The shared yearly-list writes
(matchmaker/yearly_lists) do the work; this module adds what is the key problems' own: the
past-deadline check and the firms told on publication. Operations flush; views commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from flask_babel import gettext as _

from matchmaker.key_problems.kind import KEY_PROBLEMS, default_title
from matchmaker.models import Challenge, KeyProblemEntry, KeyProblemList, User
from matchmaker.notifications.operations import notify_organization
from matchmaker.timezones import local_today
from matchmaker.yearly_lists import operations as shared
from matchmaker.yearly_lists.operations import ListError

__all__ = ["Gaps", "ListError", "default_title"]


def create_list(year: int, target: int, title: str, actor: User) -> KeyProblemList:
    return shared.create_list(KEY_PROBLEMS, year, target, title, actor)


def update_list(kp_list: KeyProblemList, values: dict, actor: User) -> None:
    shared.update_list(KEY_PROBLEMS, kp_list, values, actor)


def add_entry(kp_list: KeyProblemList, challenge: Challenge, actor: User) -> KeyProblemEntry:
    return shared.add_entry(KEY_PROBLEMS, kp_list, challenge, actor, _("只能选入已发布的技术需求。"))


def remove_entry(entry: KeyProblemEntry, actor: User) -> None:
    shared.remove_entry(KEY_PROBLEMS, entry, actor)


def move_entry(entry: KeyProblemEntry, step: int) -> None:
    shared.move_entry(KEY_PROBLEMS, entry, step)


def update_english(entry: KeyProblemEntry, title_en: str, summary_en: str, actor: User) -> None:
    shared.update_english(KEY_PROBLEMS, entry, title_en, summary_en, actor)


@dataclass
class Gaps(shared.Gaps):
    past_deadline: list[Any] = field(default_factory=list)

    def lacking(self) -> tuple[list[Any], ...]:
        return (*super().lacking(), self.past_deadline)


def publish_gaps(kp_list: KeyProblemList) -> Gaps:
    entries = kp_list.entries
    today = local_today()
    return Gaps(
        **shared.common_gaps(KEY_PROBLEMS, kp_list, entries),
        past_deadline=[e for e in entries if e.challenge.deadline is not None and e.challenge.deadline < today],
    )


def publish(kp_list: KeyProblemList, actor: User, confirmed: bool = False) -> None:
    """Publish; a list short of its target or lacking English (see Gaps) only once confirmed."""
    entries = kp_list.entries

    def tell_firms() -> None:
        link = url_for("key_problems.public_year", year=kp_list.year)
        for org_id in sorted({e.challenge.organization_id for e in entries}):
            notify_organization(
                org_id,
                "key_problems.published",
                _("您的技术需求入选%(title)s", title=kp_list.title),
                _("榜单已向社会发布，欢迎补充英文标题和摘要，便于面向全球征集解决方案。"),
                link,
            )

    shared.publish(
        KEY_PROBLEMS,
        kp_list,
        entries,
        publish_gaps(kp_list) if entries else Gaps(count=0, target=kp_list.target),
        actor,
        confirmed,
        _("榜单还是空的：请先选入技术需求再发布。"),
        tell_firms,
    )


def unpublish(kp_list: KeyProblemList, actor: User) -> None:
    shared.unpublish(KEY_PROBLEMS, kp_list, actor)
