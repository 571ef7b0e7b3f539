"""Writes on challenges: create, edit (with history and the optimistic lock), publish, withdraw.
Operations flush; the view commits once."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.challenges.lifecycle import can_transition, transition
from matchmaker.matching.hooks import post_saved
from matchmaker.models import Challenge, ChallengeMode, ChallengeStatus, SolutionMode, User
from matchmaker.posts import writes
from matchmaker.posts.writes import PostingError
from matchmaker.timezones import local_today

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
PUBLISH_REQUIRED = {
    "indicators": _l("技术关键与主要指标"),
    "goal": _l("预期目标"),
    "deadline": _l("需求时限"),
    "contact_name": _l("联系人"),
    "contact_phone": _l("联系电话"),
}
# Once under review the terms are what teams proposed against: no more edits.
EDITABLE = (ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED, ChallengeStatus.WITHDRAWN)


def create(form: Any, user: User) -> Challenge:
    challenge = writes.create(Challenge(status=ChallengeStatus.DRAFT), form, user, _apply)
    post_saved(challenge)
    return challenge


def update(challenge: Challenge, form: Any, user: User) -> None:
    """Raises EditConflict (nothing written) when the form's version is not the row's."""
    if refusal := edit_refusal(challenge):
        raise PostingError(refusal)
    writes.edit(challenge, form, user, FIELDS, _apply)
    post_saved(challenge)


def edit_refusal(challenge: Challenge) -> str | None:
    """Why the challenge can no longer be edited (None while it can)."""
    if challenge.status in EDITABLE:
        return None
    return _("“%(status)s”状态的需求不能再修改。", status=challenge.status.label)


def publish_problems(challenge: Challenge, user: User) -> list[str]:
    """Why this challenge cannot be published by this user now (empty when it can)."""
    problems = writes.publish_problems(challenge, user, PUBLISH_REQUIRED)
    if challenge.deadline is not None and challenge.deadline <= local_today():
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
    writes.fill(challenge, form, FIELDS)
    challenge.mode = ChallengeMode(form.mode.data)
    challenge.solution_mode = SolutionMode(form.solution_mode.data)
