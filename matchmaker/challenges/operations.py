"""Writes on challenges: create, edit (with history and the optimistic lock), publish, withdraw.
Operations flush; the view commits once."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker import audit
from matchmaker.authz import can_publish
from matchmaker.challenges.lifecycle import can_transition, transition
from matchmaker.challenges.posting import check_version, flush_or_conflict, record_revision, set_chains
from matchmaker.extensions import db
from matchmaker.matching.hooks import post_saved
from matchmaker.models import Challenge, ChallengeMode, ChallengeStatus, SolutionMode, User

# The fields a form writes, and so the fields a Revision keeps.
FIELDS = (
    "title",
    "title_en",
    "mode",
    "problem",
    "indicators",
    "goal",
    "keywords",
    "budget_min",
    "budget_max",
    "solution_mode",
    "deadline",
    "confidential_detail",
    "contact_name",
    "contact_phone",
    "summary_en",
)
# A draft may be incomplete; the published 征集表 may not.
PUBLISH_REQUIRED = ("indicators", "goal", "deadline", "contact_name", "contact_phone")
PUBLISH_REQUIRED_LABELS = {
    "indicators": _l("技术关键与主要指标"),
    "goal": _l("预期目标"),
    "deadline": _l("需求时限"),
    "contact_name": _l("联系人"),
    "contact_phone": _l("联系电话"),
}
# Once under review the terms are what teams proposed against: no more edits.
EDITABLE = (ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED, ChallengeStatus.WITHDRAWN)


class PostingError(Exception):
    """A write refused by a business rule; the message is shown to the user."""


def create(form: Any, user: User) -> Challenge:
    challenge = Challenge(organization_id=user.organization_id, created_by_id=user.id, status=ChallengeStatus.DRAFT)
    _apply(challenge, form)
    db.session.add(challenge)
    db.session.flush()
    audit.record("challenge.created", challenge, actor=user)
    post_saved(challenge)
    return challenge


def update(challenge: Challenge, form: Any, user: User) -> None:
    """Raises EditConflict (nothing written) when the form's version is not the row's."""
    if challenge.status not in EDITABLE:
        raise PostingError(_("“%(status)s”状态的需求不能再修改。", status=challenge.status.label))
    check_version(challenge, form.version.data)
    record_revision(challenge, FIELDS, user)
    _apply(challenge, form)
    flush_or_conflict()
    audit.record("challenge.edited", challenge, actor=user, version=challenge.version)
    post_saved(challenge)


def publish_problems(challenge: Challenge, user: User) -> list[str]:
    """Why this challenge cannot be published by this user now (empty when it can)."""
    problems = []
    if not can_publish(user):
        problems.append(_("您的单位尚未通过审核，审核通过后才能发布；现在可以先保存草稿。"))
    missing = [str(PUBLISH_REQUIRED_LABELS[name]) for name in PUBLISH_REQUIRED if not getattr(challenge, name)]
    if missing:
        problems.append(_("发布前请填写：%(fields)s。", fields="、".join(missing)))
    if challenge.deadline is not None and challenge.deadline <= date.today():
        problems.append(_("需求时限应晚于今天。"))
    return problems


def publish(challenge: Challenge, user: User) -> None:
    """Publish a draft, or say everything that stands in the way (a refused move raises TransitionError)."""
    if can_transition(challenge, ChallengeStatus.PUBLISHED) and (problems := publish_problems(challenge, user)):
        raise PostingError(" ".join(problems))
    transition(challenge, ChallengeStatus.PUBLISHED, user)


def withdraw(challenge: Challenge, user: User) -> None:
    transition(challenge, ChallengeStatus.WITHDRAWN, user)


def to_draft(challenge: Challenge, user: User) -> None:
    """A withdrawn challenge becomes a draft again, to be reworked and published anew."""
    transition(challenge, ChallengeStatus.DRAFT, user)


def _apply(challenge: Challenge, form: Any) -> None:
    for name in FIELDS:
        setattr(challenge, name, form[name].data)
    challenge.mode = ChallengeMode(form.mode.data)
    challenge.solution_mode = SolutionMode(form.solution_mode.data)
    set_chains(challenge, form.chain, form.chain_extra)
