"""Writes on capabilities: create, edit (with history and the optimistic lock), publish, withdraw.
Operations flush; the view commits once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker import audit
from matchmaker.authz import can_publish
from matchmaker.challenges.posting import check_version, flush_or_conflict, record_revision, set_chains
from matchmaker.extensions import db
from matchmaker.matching.hooks import post_saved
from matchmaker.models import Capability, CapabilityStatus, User

S = CapabilityStatus
FIELDS = (
    "title",
    "title_en",
    "team_name",
    "leader",
    "leader_title",
    "description",
    "trl",
    "cooperation_modes",
    "ip",
    "keywords",
    "applications",
)
PUBLISH_REQUIRED = ("cooperation_modes", "applications")
PUBLISH_REQUIRED_LABELS = {"cooperation_modes": _l("合作方式"), "applications": _l("应用领域")}
# A capability has no review stage: it is offered, taken back, and reworked as a draft.
ALLOWED: dict[CapabilityStatus, frozenset[CapabilityStatus]] = {
    S.DRAFT: frozenset({S.PUBLISHED}),
    S.PUBLISHED: frozenset({S.WITHDRAWN}),
    S.WITHDRAWN: frozenset({S.DRAFT}),
}


class PostingError(Exception):
    """A write refused by a business rule; the message is shown to the user."""


def create(form: Any, user: User) -> Capability:
    capability = Capability(organization_id=user.organization_id, created_by_id=user.id, status=S.DRAFT)
    _apply(capability, form)
    db.session.add(capability)
    db.session.flush()
    audit.record("capability.created", capability, actor=user)
    post_saved(capability)
    return capability


def update(capability: Capability, form: Any, user: User) -> None:
    """Raises EditConflict (nothing written) when the form's version is not the row's."""
    check_version(capability, form.version.data)
    record_revision(capability, FIELDS, user)
    _apply(capability, form)
    flush_or_conflict()
    audit.record("capability.edited", capability, actor=user, version=capability.version)
    post_saved(capability)


def publish_problems(capability: Capability, user: User) -> list[str]:
    problems = []
    if not can_publish(user):
        problems.append(_("您的单位尚未通过审核，审核通过后才能发布；现在可以先保存草稿。"))
    missing = [str(PUBLISH_REQUIRED_LABELS[name]) for name in PUBLISH_REQUIRED if not getattr(capability, name)]
    if missing:
        problems.append(_("发布前请填写：%(fields)s。", fields="、".join(missing)))
    return problems


def publish(capability: Capability, user: User) -> None:
    if S.PUBLISHED in ALLOWED[capability.status] and (problems := publish_problems(capability, user)):
        raise PostingError(" ".join(problems))
    _transition(capability, S.PUBLISHED, user)
    if capability.published_at is None:
        capability.published_at = datetime.now(UTC)


def withdraw(capability: Capability, user: User) -> None:
    _transition(capability, S.WITHDRAWN, user)


def to_draft(capability: Capability, user: User) -> None:
    _transition(capability, S.DRAFT, user)


def _transition(capability: Capability, new_status: CapabilityStatus, user: User) -> None:
    old = capability.status
    if new_status not in ALLOWED[old]:
        raise PostingError(_("科研成果不能从“%(old)s”变为“%(new)s”。", old=old.label, new=new_status.label))
    capability.status = new_status
    audit.record("capability.status", capability, actor=user, old=old.value, new=new_status.value)
    post_saved(capability)


def _apply(capability: Capability, form: Any) -> None:
    for name in FIELDS:
        setattr(capability, name, form[name].data)
    set_chains(capability, form.chain, form.chain_extra)
