"""The challenge status lifecycle: one table of allowed moves and the one function that makes them.

Every status change of a challenge goes through `transition()` (posting, proposals, organisers),
so the rules, the audit trail and the owner's notification live in one place.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import has_request_context, url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.matching.hooks import post_saved
from matchmaker.models import Challenge, ChallengeStatus, User
from matchmaker.notifications.operations import notify_organization
from matchmaker.posts.writes import PostingError
from matchmaker.timezones import local_today

S = ChallengeStatus

# From each status, the statuses it may move to. A withdrawn challenge goes back to draft so the
# firm can rework and publish it again; closed (验收) is final.
ALLOWED: dict[ChallengeStatus, frozenset[ChallengeStatus]] = {
    S.DRAFT: frozenset({S.PUBLISHED}),
    S.PUBLISHED: frozenset({S.WITHDRAWN, S.IN_REVIEW}),
    S.IN_REVIEW: frozenset({S.CONTRACTED, S.PUBLISHED}),
    S.CONTRACTED: frozenset({S.CLOSED}),
    S.WITHDRAWN: frozenset({S.DRAFT}),
    S.CLOSED: frozenset(),
}


class TransitionError(PostingError):
    """A status change the lifecycle does not allow: one more way a write is refused."""


def can_transition(challenge: Challenge, new_status: ChallengeStatus) -> bool:
    return new_status in ALLOWED[challenge.status]


def transition(challenge: Challenge, new_status: ChallengeStatus, actor: User | None) -> None:
    """Move `challenge` to `new_status`, audit it and tell the owning organisation. Flushes nothing;
    the caller commits. Raises TransitionError for a move outside ALLOWED."""
    old = challenge.status
    if not can_transition(challenge, new_status):
        raise TransitionError(
            _("技术需求不能从“%(old)s”变为“%(new)s”。", old=old.label, new=ChallengeStatus(new_status).label)
        )
    if new_status == S.PUBLISHED and challenge.deadline is not None and challenge.deadline <= local_today():
        # Whatever the path (publishing, reopening after review, the API): an open call needs time left.
        raise TransitionError(_("需求时限（%(d)s）应晚于今天，请先修改需求时限。", d=challenge.deadline.isoformat()))
    challenge.status = new_status
    if new_status == S.PUBLISHED and challenge.published_at is None:
        challenge.published_at = datetime.now(UTC)
    audit.record("challenge.status", challenge, actor=actor, old=old.value, new=new_status.value)
    post_saved(challenge)
    notify_organization(
        challenge.organization_id,
        "challenge.status",
        _("技术需求「%(title)s」状态变为：%(status)s", title=challenge.title, status=new_status.label),
        link=_detail_link(challenge),
        exclude=actor,  # a firm is not told of its own publishing; its colleagues and organisers' moves are
    )


def _detail_link(challenge: Challenge) -> str:
    # Outside a request (a Celery task) there is no host to build from; the path is stable.
    if has_request_context():
        return url_for("challenges.detail", challenge_id=challenge.id)
    return f"/challenges/{challenge.id}"
