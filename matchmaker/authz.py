"""The one authorization helper every view uses.

Each view declares who may reach it with @allow(...). A view without a declaration is refused
(default deny), so a forgotten rule is a 403, never an open door. Ownership is checked inside
the view with `require(can_edit(...))` once the object is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from matchmaker.extensions import db, login_manager
from matchmaker.models import (
    AccessRequest,
    AccessStatus,
    Capability,
    Challenge,
    ChallengeStatus,
    Proposal,
    Review,
    ReviewStatus,
    Role,
    User,
)

__all__ = [
    "PUBLIC",
    "SIGNED_IN",
    "Role",
    "allow",
    "can_edit",
    "can_publish",
    "can_view",
    "can_view_confidential",
    "has_access_grant",
    "has_open_review",
    "is_acting_reviewer",
    "is_conflicted_reviewer",
    "is_organiser",
    "is_verified_member",
    "owns",
    "require",
]

PUBLIC = "public"
SIGNED_IN = "signed_in"

F = TypeVar("F", bound=Callable[..., Any])


def allow(*who: str | Role) -> Callable[[F], F]:
    """Declare who may call a view: PUBLIC, SIGNED_IN, or one or more roles."""
    if not who:
        raise ValueError("allow() needs at least one audience")

    def decorate(view: F) -> F:
        view.access_rule = frozenset(who)  # type: ignore[attr-defined]
        return view

    return decorate


def check_access(view: Callable[..., Any]) -> Any:
    """Called before every request; returns a response to stop it, or None to go on."""
    rule: frozenset | None = getattr(view, "access_rule", None)
    if rule is None:
        abort(403)
    if PUBLIC in rule:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if SIGNED_IN in rule or current_user.role in rule:
        return None
    abort(403)


def require(condition: bool) -> None:
    if not condition:
        abort(403)


def is_organiser(user: User) -> bool:
    return user.is_authenticated and user.role in (Role.ORGANISER, Role.ADMIN)


def owns(user: User, post: Challenge | Capability) -> bool:
    return user.is_authenticated and user.organization_id == post.organization_id


def can_edit(user: User, post: Challenge | Capability) -> bool:
    """Only users of the owning organisation edit a post; organisers curate but do not edit."""
    expected = Role.FIRM if isinstance(post, Challenge) else Role.TEAM
    return owns(user, post) and user.role == expected


def is_verified_member(user: User) -> bool:
    """What an organisation awaiting verification may do, decided once for every action:
    browse and save drafts, yes; publish, ask for a challenge's confidential detail and submit
    or edit a proposal (揭榜), no, in the web and the API alike."""
    return user.is_authenticated and user.organization.is_verified


def can_publish(user: User) -> bool:
    """A pending (unverified) organisation may draft but not publish."""
    return is_verified_member(user)


def can_view(user: User, post: Challenge | Capability) -> bool:
    """Drafts and withdrawn posts are visible to their owners and organisers only."""
    if post.status not in (ChallengeStatus.DRAFT, ChallengeStatus.WITHDRAWN):
        return True
    return owns(user, post) or is_organiser(user)


def can_view_confidential(user: User, challenge: Challenge) -> bool:
    """Confidential detail: the owning firm, organisers, teams the firm granted access, and an
    expert reviewer while a review of a proposal on this challenge is open."""
    if owns(user, challenge) or is_organiser(user):
        return True
    return user.is_authenticated and (has_access_grant(user, challenge) or has_open_review(user, challenge))


def has_access_grant(user: User, challenge: Challenge) -> bool:
    """The user's organisation holds an approved access request for the challenge."""
    return db.session.scalar(
        sa.select(
            sa.exists().where(
                AccessRequest.challenge_id == challenge.id,
                AccessRequest.organization_id == user.organization_id,
                AccessRequest.status == AccessStatus.APPROVED,
            )
        )
    )


def is_conflicted_reviewer(user: User, challenge: Challenge) -> bool:
    """The reviewer's organisation posted the challenge or has a proposal of its own on it
    (a rival of the teams it would score): such a reviewer may not review there."""
    if user.organization_id == challenge.organization_id:
        return True
    return db.session.scalar(
        sa.select(
            sa.exists().where(Proposal.challenge_id == challenge.id, Proposal.organization_id == user.organization_id)
        )
    )


def is_acting_reviewer(user: User, challenge: Challenge) -> bool:
    """Checked at every access: still appointed, still active, and not conflicted on this challenge."""
    return user.is_authenticated and user.is_reviewer and user.active and not is_conflicted_reviewer(user, challenge)


def has_open_review(user: User, challenge: Challenge) -> bool:
    """The user is an acting reviewer with an unfinished review of a proposal on the challenge."""
    return is_acting_reviewer(user, challenge) and db.session.scalar(
        sa.select(
            sa.exists()
            .where(Review.reviewer_id == user.id, Review.status == ReviewStatus.REQUESTED)
            .where(Review.proposal_id == Proposal.id, Proposal.challenge_id == challenge.id)
        )
    )
