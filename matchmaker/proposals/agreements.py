"""签约: the firm records the contract with a selected team; the challenge becomes contracted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.deals.opening import link_agreement
from matchmaker.extensions import db
from matchmaker.models import Agreement, ChallengeStatus, Proposal, ProposalStatus, User
from matchmaker.notifications.operations import notify_organization
from matchmaker.proposals.operations import ProposalError
from matchmaker.proposals.selection import move, start_review
from matchmaker.timezones import local_today, to_local


def of_proposal(proposal: Proposal) -> Agreement | None:
    return db.session.scalar(sa.select(Agreement).where(Agreement.proposal_id == proposal.id))


def earliest_signing(proposal: Proposal) -> date:
    """A contract follows the selection (which follows the submission), as calendar days in China."""
    return to_local(proposal.decided_at or proposal.created_at).date()


def date_problem(proposal: Proposal, signed_on: date) -> str | None:
    if signed_on > local_today():
        return _("签约日期不能晚于今天。")
    earliest = earliest_signing(proposal)
    if signed_on < earliest:
        return _("签约日期不能早于中选日期（%(d)s）。", d=earliest.isoformat())
    return None


def record(proposal: Proposal, amount: Decimal, signed_on: date, contract_no: str, firm_user: User) -> Agreement:
    """Only a selected proposal, once; moves the challenge to contracted on the first agreement."""
    if proposal.status != ProposalStatus.SELECTED:
        raise ProposalError(_("只能与中选的揭榜团队签约。"))
    if of_proposal(proposal) is not None:
        raise ProposalError(_("该揭榜申请已登记签约。"))
    if problem := date_problem(proposal, signed_on):
        raise ProposalError(problem)
    challenge = proposal.challenge
    if challenge.status != ChallengeStatus.CONTRACTED:
        start_review(challenge, firm_user)
        move(challenge, ChallengeStatus.CONTRACTED, firm_user)
    agreement = Agreement(
        challenge=challenge,
        proposal=proposal,
        organization_id=proposal.organization_id,
        amount=amount,
        signed_on=signed_on,
        contract_no=(contract_no or "").strip(),
        recorded_by_id=firm_user.id,
    )
    db.session.add(agreement)
    db.session.flush()
    audit.record("agreement.recorded", agreement, actor=firm_user, proposal_id=proposal.id, amount=str(amount))
    link_agreement(agreement, firm_user)  # its deal moves to 落实; the dashboard counts it once
    notify_organization(
        proposal.organization_id,
        "agreement_recorded",
        _("《%(title)s》已登记签约", title=challenge.title),
        _("合同金额 %(amount)s 万元，签约日期 %(d)s。", amount=amount, d=signed_on),
        url_for("proposals.mine"),
    )
    return agreement
