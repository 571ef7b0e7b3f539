"""Writes both kinds of post share: a new draft, an edit under the optimistic lock (with its
revision), and what stands in the way of publishing. They flush; the view or task commits once.
Each kind's operations call these and then tell the recommender (matching.hooks.post_saved)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from matchmaker import audit
from matchmaker.authz import can_publish
from matchmaker.extensions import db
from matchmaker.matching.hooks import side_of
from matchmaker.models import Capability, Challenge, User
from matchmaker.posts.chains import set_chains
from matchmaker.posts.history import record_revision

P = TypeVar("P", Challenge, Capability)


class PostingError(Exception):
    """A write refused by a business rule; the message is shown to the user."""


class EditConflict(Exception):
    """Someone else saved the post since this form was loaded; nothing was written."""


def fill(post: P, form: Any, fields: tuple[str, ...]) -> None:
    """Copy the form's fields and its two chain selects onto the post."""
    for name in fields:
        setattr(post, name, form[name].data)
    set_chains(post, form.chain, form.chain_extra)


def create(draft: P, form: Any, user: User, apply: Callable[[P, Any], None]) -> P:
    """Save a new draft of the user's organisation, filled from the form by `apply`, and audit it."""
    draft.organization_id = user.organization_id
    draft.created_by_id = user.id
    apply(draft, form)
    db.session.add(draft)
    db.session.flush()
    audit.record(f"{side_of(draft)}.created", draft, actor=user)
    return draft


def edit(post: P, form: Any, user: User, fields: tuple[str, ...], apply: Callable[[P, Any], None]) -> None:
    """Apply the form to the post, keeping the old `fields` as a revision once the public has seen it.
    Raises EditConflict (nothing written) when the form's version is not the row's."""
    _check_version(post, form.version.data)
    record_revision(post, fields, user)
    apply(post, form)
    _flush_or_conflict()
    audit.record(f"{side_of(post)}.edited", post, actor=user, version=post.version)


def publish_problems(post: P, user: User, required: Mapping[str, Any]) -> list[str]:
    """Why this user cannot publish the post now (empty when they can): an organisation not yet
    verified, and the `required` fields (name → label) still empty."""
    problems = []
    if not can_publish(user):
        problems.append(_("您的单位尚未通过审核，审核通过后才能发布；现在可以先保存草稿。"))
    missing = [str(label) for name, label in required.items() if not getattr(post, name)]
    if missing:
        problems.append(_("发布前请填写：%(fields)s。", fields="、".join(missing)))
    return problems


def _check_version(post: P, submitted: str | None) -> None:
    """The form carries the version it was loaded at; a different one means someone saved since."""
    if str(post.version) != (submitted or ""):
        raise EditConflict


def _flush_or_conflict() -> None:
    """Flush an edit; the version column makes a concurrent writer's UPDATE match no row."""
    try:
        db.session.flush()
    except StaleDataError as error:
        raise EditConflict from error
