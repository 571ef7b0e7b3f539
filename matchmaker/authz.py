"""The one authorization helper every view uses.

Each view declares who may reach it with @allow(...). A view without a declaration is refused
(default deny), so a forgotten rule is a 403, never an open door. Ownership is checked inside
the view with `require(can_edit(...))` once the object is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from matchmaker.extensions import login_manager
from matchmaker.models import Capability, Challenge, ChallengeStatus, Role, User

__all__ = [
    "PUBLIC",
    "SIGNED_IN",
    "Role",
    "allow",
    "can_edit",
    "can_publish",
    "can_view",
    "can_view_confidential",
    "is_organiser",
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


def can_publish(user: User) -> bool:
    """A pending (unverified) organisation may draft but not publish."""
    return user.is_authenticated and user.organization.is_verified


def can_view(user: User, post: Challenge | Capability) -> bool:
    """Drafts and withdrawn posts are visible to their owners and organisers only."""
    if post.status not in (ChallengeStatus.DRAFT, ChallengeStatus.WITHDRAWN):
        return True
    return owns(user, post) or is_organiser(user)


def can_view_confidential(user: User, challenge: Challenge) -> bool:
    """Confidential detail: the owning firm and organisers. (Grants to teams: see access requests.)"""
    return owns(user, challenge) or is_organiser(user)
