"""Writes on the good-results selection (山东好成果). Organisers select published capabilities,
accept or decline teams' nominations, ask an appointed reviewer for the short evaluation, and
publish; a team nominates its own published results and writes their English; the reviewer
writes the evaluation. The shared yearly-list writes do the common work. Operations flush;
views commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.authz import owns
from matchmaker.extensions import db
from matchmaker.good_results.kind import GOOD_RESULTS
from matchmaker.models import (
    Capability,
    GoodResultEntry,
    GoodResultList,
    ResultCategory,
    ResultEntryStatus,
    Role,
    User,
)
from matchmaker.notifications.operations import notify, notify_organization
from matchmaker.yearly_lists import operations as shared
from matchmaker.yearly_lists.operations import ListError

__all__ = ["ListError"]


def _not_published() -> str:
    return _("只能选入已发布的科研成果。")


def add_entry(the_list: GoodResultList, capability: Capability, actor: User) -> GoodResultEntry:
    """An organiser selects a published result: it is on the list at once."""
    return shared.add_entry(GOOD_RESULTS, the_list, capability, actor, _not_published())


def nominate(the_list: GoodResultList, capability: Capability, actor: User) -> GoodResultEntry:
    """A team puts forward one of its own published results for the organisers to review."""
    if actor.role != Role.TEAM or not owns(actor, capability):
        raise ListError(_("只能推荐本单位的科研成果。"))
    if the_list.published_at is not None:
        raise ListError(_("%(year)d年度名单已经发布，不再接受推荐。", year=the_list.year))
    entry = shared.add_entry(
        GOOD_RESULTS,
        the_list,
        capability,
        actor,
        _not_published(),
        status=ResultEntryStatus.NOMINATED,
        nominated_by_id=actor.id,
    )
    audit.record("good_results.nominated", entry, actor=actor, year=the_list.year, capability_id=capability.id)
    return entry


def accept(entry: GoodResultEntry, actor: User) -> None:
    if entry.status != ResultEntryStatus.NOMINATED:
        raise ListError(_("该成果已经入选。"))
    entry.status = ResultEntryStatus.SELECTED
    db.session.flush()
    audit.record("good_results.accepted", entry, actor=actor, year=entry.list.year)
    notify_organization(
        entry.capability.organization_id,
        "good_results.accepted",
        _("您推荐的成果入选%(title)s候选名单", title=entry.list.title),
        _("“%(name)s”已由组织方选入，名单发布后向社会公开。", name=entry.capability.title),
        url_for("good_results.mine"),
    )


def remove_entry(entry: GoodResultEntry, actor: User) -> None:
    """Take an entry off the list, or decline a nomination (its team is told)."""
    if entry.status == ResultEntryStatus.NOMINATED:
        notify_organization(
            entry.capability.organization_id,
            "good_results.declined",
            _("您推荐的成果未入选%(title)s", title=entry.list.title),
            _("“%(name)s”本年度未入选，欢迎完善成果信息后参加下一年度遴选。", name=entry.capability.title),
            url_for("good_results.mine"),
        )
    shared.remove_entry(GOOD_RESULTS, entry, actor)


def move_entry(entry: GoodResultEntry, step: int) -> None:
    shared.move_entry(GOOD_RESULTS, entry, step)


def update_english(entry: GoodResultEntry, title_en: str, summary_en: str, actor: User) -> None:
    shared.update_english(GOOD_RESULTS, entry, title_en, summary_en, actor)


def assign_reviewer(entry: GoodResultEntry, reviewer: User, actor: User) -> None:
    """Ask an appointed reviewer from outside the result's organisation for the evaluation."""
    if entry.evaluated:
        raise ListError(_("该成果已有评价，不能更换评审专家。"))
    if not reviewer.is_reviewer or not reviewer.active:
        raise ListError(_("只能邀请组织方聘任的评审专家。"))
    if reviewer.organization_id == entry.capability.organization_id:
        raise ListError(_("评审专家不能来自成果完成单位。"))
    entry.reviewer = reviewer
    db.session.flush()
    audit.record("good_results.reviewer_assigned", entry, actor=actor, reviewer_id=reviewer.id)
    notify(
        [reviewer],
        "good_results.review_requested",
        _("评价邀请：%(title)s", title=entry.capability.title),
        _("组织方邀请您为“%(list)s”的候选成果写一段简短评价。", list=entry.list.title),
        url_for("good_results.evaluate", entry_id=entry.id),
    )


def evaluate(entry: GoodResultEntry, values: dict[str, Any], reviewer: User) -> None:
    """The assigned reviewer's evaluation: category, TRL, IP status and a comment; written once."""
    if entry.reviewer_id != reviewer.id or not reviewer.is_reviewer:
        raise ListError(_("只有受邀的评审专家可以评价此成果。"))
    if entry.evaluated:
        raise ListError(_("评价已经提交。"))
    entry.category = ResultCategory(values["category"])
    entry.eval_trl = values["eval_trl"]
    entry.ip_status = values["ip_status"]
    entry.comment = values["comment"]
    entry.reviewed_at = datetime.now(UTC)
    db.session.flush()
    audit.record("good_results.evaluated", entry, actor=reviewer, category=entry.category.value)


@dataclass
class Gaps(shared.Gaps):
    not_evaluated: list[Any] = field(default_factory=list)
    nominations: int = 0  # still waiting: publishing leaves them out

    def lacking(self) -> tuple[list[Any], ...]:
        return (*super().lacking(), self.not_evaluated)

    def __bool__(self) -> bool:
        return super().__bool__() or bool(self.nominations)


def selected(the_list: GoodResultList) -> list[GoodResultEntry]:
    return [e for e in the_list.entries if e.status == ResultEntryStatus.SELECTED]


def publish_gaps(the_list: GoodResultList) -> Gaps:
    entries = selected(the_list)
    return Gaps(
        **shared.common_gaps(GOOD_RESULTS, the_list, entries),
        not_evaluated=[e for e in entries if not e.evaluated],
        nominations=len(the_list.entries) - len(entries),
    )


def publish(the_list: GoodResultList, actor: User, confirmed: bool = False) -> None:
    entries = selected(the_list)

    def tell_teams() -> None:
        link = url_for("good_results.public_year", year=the_list.year)
        for org_id in sorted({e.capability.organization_id for e in entries}):
            notify_organization(
                org_id,
                "good_results.published",
                _("您的科研成果入选%(title)s", title=the_list.title),
                _("名单已向社会发布，欢迎补充英文名称和简介，便于面向全球推介。"),
                link,
            )

    shared.publish(
        GOOD_RESULTS,
        the_list,
        entries,
        publish_gaps(the_list),
        actor,
        confirmed,
        _("名单还是空的：请先选入科研成果再发布。"),
        tell_teams,
    )


def unpublish(the_list: GoodResultList, actor: User) -> None:
    shared.unpublish(GOOD_RESULTS, the_list, actor)
