"""The firm's side of 揭榜: shortlist, select, tell the others, and move the challenge through
its lifecycle (published → in_review → contracted → closed). Callers commit."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.challenges.lifecycle import TransitionError, transition
from matchmaker.deals.opening import from_proposal
from matchmaker.extensions import db
from matchmaker.models import Challenge, ChallengeMode, ChallengeStatus, Proposal, ProposalStatus, User
from matchmaker.notifications.operations import notify_organization
from matchmaker.proposals import rules
from matchmaker.proposals.operations import ProposalError

# Teams told about the challenge's status changes: those still in the race or chosen.
STILL_IN_RACE = (*rules.UNDECIDED, ProposalStatus.SELECTED)


def move(challenge: Challenge, new_status: ChallengeStatus, actor: User) -> None:
    """Lifecycle transition (checked, audited, owner notified), and the proposing teams are told."""
    try:
        transition(challenge, new_status, actor)
    except TransitionError as error:
        raise ProposalError(str(error)) from error
    title = _("您揭榜的《%(title)s》状态变为：%(status)s", title=challenge.title, status=new_status.label)
    for org_id in _proposing_orgs(challenge):
        notify_organization(
            org_id, "challenge.status", title, link=url_for("challenges.detail", challenge_id=challenge.id)
        )


def start_review(challenge: Challenge, actor: User) -> None:
    """The first review step (shortlist, expert review, selection) puts the challenge in review."""
    if challenge.status == ChallengeStatus.PUBLISHED:
        move(challenge, ChallengeStatus.IN_REVIEW, actor)
    elif challenge.status != ChallengeStatus.IN_REVIEW:
        raise ProposalError(_("该需求当前状态为“%(s)s”，不能评审揭榜申请。", s=challenge.status.label))


def shortlist(proposal: Proposal, firm_user: User) -> None:
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ProposalError(_("只有已提交的申请可以入围。"))
    start_review(proposal.challenge, firm_user)
    proposal.status = ProposalStatus.SHORTLISTED
    audit.record("proposal.shortlisted", proposal, actor=firm_user)


def select(proposal: Proposal, firm_user: User) -> None:
    """Choose a winner. 赛马 (horse race) lets several teams work in parallel; in the other modes
    choosing one ends the selection and the others are told."""
    challenge = proposal.challenge
    if proposal.status not in rules.UNDECIDED:
        raise ProposalError(_("只有已提交或入围的申请可以选定。"))
    if challenge.mode != ChallengeMode.HORSE_RACE and rules.selection_started(challenge):
        raise ProposalError(
            _("“%(mode)s”模式只能选定一个揭榜团队；只有赛马制允许多个团队并行攻关。", mode=challenge.mode.label)
        )
    start_review(challenge, firm_user)
    proposal.status = ProposalStatus.SELECTED
    proposal.decided_at = datetime.now(UTC)
    db.session.flush()
    audit.record("proposal.selected", proposal, actor=firm_user, mode=challenge.mode.value)
    from_proposal(proposal, firm_user)  # the pair is followed as a deal (matchmaker/deals)
    notify_organization(
        proposal.organization_id,
        "proposal_selected",
        _("恭喜！您的团队在《%(title)s》揭榜中中选", title=challenge.title),
        _("发布企业将与您联系商谈签约事宜。"),
        url_for("proposals.mine"),
    )
    if challenge.mode != ChallengeMode.HORSE_RACE:
        conclude(challenge, firm_user)


def conclude(challenge: Challenge, firm_user: User) -> int:
    """End the selection: every undecided proposal is 未中选 and thanked. Returns how many."""
    if not rules.selection_started(challenge):
        raise ProposalError(_("请先选定至少一个揭榜团队，再结束遴选。"))
    others = list(
        db.session.scalars(
            sa.select(Proposal).where(Proposal.challenge_id == challenge.id, Proposal.status.in_(rules.UNDECIDED))
        )
    )
    now = datetime.now(UTC)
    for proposal in others:
        proposal.status = ProposalStatus.NOT_SELECTED
        proposal.decided_at = now
        audit.record("proposal.not_selected", proposal, actor=firm_user)
        notify_organization(
            proposal.organization_id,
            "proposal_not_selected",
            _("《%(title)s》揭榜结果：未中选", title=challenge.title),
            _("感谢您的团队认真准备并提交方案。本次发布企业选定了其他团队，期待今后在更多需求上与您合作。"),
            url_for("proposals.mine"),
        )
    return len(others)


def accept(challenge: Challenge, firm_user: User) -> None:
    """验收: the contracted work is accepted and the challenge is closed."""
    move(challenge, ChallengeStatus.CLOSED, firm_user)


def _proposing_orgs(challenge: Challenge) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(Proposal.organization_id).where(
                Proposal.challenge_id == challenge.id, Proposal.status.in_(STILL_IN_RACE)
            )
        )
    )
