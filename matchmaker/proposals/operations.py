"""The team's side of 揭榜: submit, edit until the deadline, withdraw. Callers commit."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.authz import is_verified_member
from matchmaker.extensions import db
from matchmaker.models import Capability, CapabilityStatus, Challenge, Proposal, ProposalStatus, Role, User
from matchmaker.notifications.operations import notify_organization
from matchmaker.proposals import rules

FIELDS = ("summary", "technical_route", "budget", "duration_months", "members", "capability_id")


class ProposalError(Exception):
    pass


def own_capabilities(org_id: int) -> list[Capability]:
    return list(
        db.session.scalars(
            sa.select(Capability)
            .where(Capability.organization_id == org_id, Capability.status == CapabilityStatus.PUBLISHED)
            .order_by(Capability.title)
        )
    )


def submit(challenge: Challenge, user: User, data: dict[str, Any]) -> Proposal:
    """One proposal per team organisation; a withdrawn one is reopened rather than duplicated."""
    if user.role != Role.TEAM:
        raise ProposalError(_("只有科研团队可以揭榜。"))
    check_verified(user)
    check_open(challenge)
    existing = db.session.scalar(
        sa.select(Proposal).where(
            Proposal.challenge_id == challenge.id, Proposal.organization_id == user.organization_id
        )
    )
    if existing is not None and existing.status != ProposalStatus.WITHDRAWN:
        raise ProposalError(_("您的团队已对该需求提交过揭榜申请，每个团队只能提交一份，可在“我的揭榜”中修改。"))
    proposal = existing or Proposal(challenge=challenge, organization_id=user.organization_id)
    _apply(proposal, data, user)
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_by_id = user.id
    try:
        with db.session.begin_nested():
            db.session.add(proposal)
            db.session.flush()
    except sa.exc.IntegrityError as error:  # another member of the team submitted at the same moment
        raise ProposalError(_("您的团队已对该需求提交过揭榜申请，每个团队只能提交一份。")) from error
    audit.record("proposal.submitted", proposal, actor=user, challenge_id=challenge.id)
    notify_organization(
        challenge.organization_id,
        "proposal_received",
        _("收到揭榜申请：%(org)s 揭榜《%(title)s》", org=user.organization.name, title=challenge.title),
        proposal.summary[:200],
        url_for("proposals.for_challenge", challenge_id=challenge.id),
    )
    return proposal


def update(proposal: Proposal, user: User, data: dict[str, Any]) -> None:
    check_verified(user)
    _check_editable(proposal)
    _apply(proposal, data, user)
    audit.record("proposal.updated", proposal, actor=user)


def withdraw(proposal: Proposal, user: User) -> None:
    if proposal.status not in rules.UNDECIDED:
        raise ProposalError(_("该揭榜申请已有结果，不能撤回。"))
    proposal.status = ProposalStatus.WITHDRAWN
    audit.record("proposal.withdrawn", proposal, actor=user)
    notify_organization(
        proposal.challenge.organization_id,
        "proposal_withdrawn",
        _("%(org)s 撤回了对《%(title)s》的揭榜申请", org=user.organization.name, title=proposal.challenge.title),
        link=url_for("proposals.for_challenge", challenge_id=proposal.challenge_id),
    )


def editable(proposal: Proposal) -> bool:
    try:
        _check_editable(proposal)
    except ProposalError:
        return False
    return True


def check_verified(user: User) -> None:
    """Proposing waits for verification (authz.is_verified_member); withdrawing does not."""
    if not is_verified_member(user):
        raise ProposalError(_("贵单位尚未通过组织方审核，审核通过后才能揭榜。"))


def check_open(challenge: Challenge) -> None:
    """Raise, with the reason in words, unless the challenge takes new proposals now."""
    if challenge.status not in rules.OPEN_STATUSES:
        raise ProposalError(_("该需求当前不接受揭榜。"))
    if rules.deadline_passed(challenge):
        raise ProposalError(_("该需求已过揭榜截止日期（%(d)s）。", d=challenge.deadline))
    if rules.selection_started(challenge):
        raise ProposalError(_("该需求已选定揭榜团队，不再接受新的申请。"))


def _check_editable(proposal: Proposal) -> None:
    if proposal.status not in rules.UNDECIDED:
        raise ProposalError(_("该揭榜申请已撤回或已有结果，不能修改。"))
    challenge = proposal.challenge
    if challenge.status not in rules.OPEN_STATUSES:
        raise ProposalError(_("该需求当前不接受修改揭榜申请。"))
    if rules.deadline_passed(challenge):
        raise ProposalError(_("已过揭榜截止日期（%(d)s），不能再修改。", d=challenge.deadline))


def _apply(proposal: Proposal, data: dict[str, Any], user: User) -> None:
    capability_id = data.get("capability_id") or None
    if capability_id is not None:
        capability = db.session.get(Capability, int(capability_id))
        if capability is None or capability.organization_id != user.organization_id:
            raise ProposalError(_("只能关联本团队的科研能力或成果。"))
        capability_id = capability.id
    for name in FIELDS:
        setattr(proposal, name, capability_id if name == "capability_id" else data.get(name))
    proposal.summary = (proposal.summary or "").strip()
    proposal.technical_route = (proposal.technical_route or "").strip()
    proposal.members = (proposal.members or "").strip()
