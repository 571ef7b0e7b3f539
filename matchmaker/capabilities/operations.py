"""Writes on capabilities: create, edit (with history and the optimistic lock), publish, withdraw.
Operations flush; the view commits once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker import audit
from matchmaker.matching.hooks import post_saved
from matchmaker.models import Capability, CapabilityStatus, User
from matchmaker.posts import writes
from matchmaker.posts.writes import PostingError

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
    "funded_project",
    "funded_project_no",
    "product",
)
PUBLISH_REQUIRED = {"cooperation_modes": _l("合作方式"), "applications": _l("应用领域")}
# A capability has no review stage: it is offered, taken back, and reworked as a draft.
ALLOWED: dict[CapabilityStatus, frozenset[CapabilityStatus]] = {
    S.DRAFT: frozenset({S.PUBLISHED}),
    S.PUBLISHED: frozenset({S.WITHDRAWN}),
    S.WITHDRAWN: frozenset({S.DRAFT}),
}


def create(form: Any, user: User) -> Capability:
    capability = writes.create(Capability(status=S.DRAFT), form, user, _apply)
    post_saved(capability)
    return capability


def update(capability: Capability, form: Any, user: User) -> None:
    """Raises EditConflict (nothing written) when the form's version is not the row's."""
    writes.edit(capability, form, user, FIELDS, _apply)
    post_saved(capability)


def edit_refusal(capability: Capability) -> str | None:
    """Never: with no review stage, a capability may be edited in every status."""
    return None


def publish(capability: Capability, user: User) -> None:
    if S.PUBLISHED in ALLOWED[capability.status] and (
        problems := writes.publish_problems(capability, user, PUBLISH_REQUIRED)
    ):
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
    writes.fill(capability, form, FIELDS)
