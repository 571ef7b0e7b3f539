"""Opening deals, and linking them to signed Agreements, so every pair is followed once.

Three things open a deal: an outcome of intent or agreement on a meeting, a match a firm marks
已联系, and a selected 揭榜 proposal. Each source opens at most one deal (the unique source
columns), and a source for a firm–team pair and challenge that already has a deal not ended
(未成) attaches to that deal instead of opening a second. A recorded Agreement is linked to its
proposal's deal (or the pair's), or opens one at 落实: the agreement count reads deals, so this
link is what keeps an agreement reached at a meeting and later signed from counting twice.
Callers commit."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.models import (
    Agreement,
    Capability,
    Challenge,
    Deal,
    DealSource,
    DealStage,
    Match,
    MatchFeedback,
    Meeting,
    MeetingOutcome,
    Organization,
    OutcomeKind,
    Proposal,
    User,
)

ORDER = {DealStage.CONTACT: 0, DealStage.NEGOTIATING: 1, DealStage.IMPLEMENTING: 2}
SOURCE_COLUMN = {DealSource.MEETING: "meeting_id", DealSource.MATCH: "match_id", DealSource.PROPOSAL: "proposal_id"}


def touch(deal: Deal) -> None:
    """A recorded step: the deal is no longer stale and a new quiet period starts."""
    deal.last_action_at = datetime.now(UTC)


def advance(deal: Deal, stage: DealStage, actor: User | None, why: str) -> None:
    """Move forward only (对接 → 会商 → 落实); an automatic step never undoes the manager's work
    and never reopens an ended deal, except a signed agreement (see `link_agreement`)."""
    if deal.stage == DealStage.FAILED or ORDER[stage] <= ORDER[deal.stage]:
        return
    before, deal.stage = deal.stage, stage
    touch(deal)
    audit.record("deal.stage", deal, actor, before=before.value, after=stage.value, why=why)


def active_for(firm_org_id: int, team_org_id: int, challenge_id: int | None) -> Deal | None:
    """The pair's deal on this challenge (or with none) that has not ended, oldest first."""
    same_challenge = Deal.challenge_id.is_(None) if challenge_id is None else Deal.challenge_id == challenge_id
    return db.session.scalar(
        sa.select(Deal)
        .where(Deal.firm_org_id == firm_org_id, Deal.team_org_id == team_org_id, same_challenge)
        .where(Deal.stage != DealStage.FAILED)
        .order_by(Deal.id)
        .limit(1)
    )


def _title(firm_org_id: int, team_org_id: int, challenge_id: int | None) -> str:
    if challenge_id is not None:
        return db.session.get(Challenge, challenge_id).title[:200]
    firm, team = db.session.get(Organization, firm_org_id), db.session.get(Organization, team_org_id)
    return f"{firm.name} × {team.name}"[:200]


def find_or_open(
    source: DealSource,
    source_id: int,
    firm_org_id: int,
    team_org_id: int,
    actor: User | None,
    challenge_id: int | None = None,
    capability_id: int | None = None,
    chain_id: int | None = None,
    event_id: int | None = None,
) -> Deal:
    column = SOURCE_COLUMN[source]
    found = db.session.scalar(sa.select(Deal).where(getattr(Deal, column) == source_id))
    if found is not None:
        return found
    deal = active_for(firm_org_id, team_org_id, challenge_id)
    if deal is not None:
        if getattr(deal, column) is None:
            setattr(deal, column, source_id)
        deal.capability_id = deal.capability_id or capability_id
        deal.chain_id = deal.chain_id or chain_id
        deal.event_id = deal.event_id or event_id
        touch(deal)
        audit.record("deal.attached", deal, actor, source=source.value, source_id=source_id)
        return deal
    deal = Deal(
        title=_title(firm_org_id, team_org_id, challenge_id),
        firm_org_id=firm_org_id,
        team_org_id=team_org_id,
        challenge_id=challenge_id,
        capability_id=capability_id,
        chain_id=chain_id,
        event_id=event_id,
        source=source,
        stage=DealStage.CONTACT,
        last_action_at=datetime.now(UTC),
        **{column: source_id},
    )
    db.session.add(deal)
    db.session.flush()
    audit.record("deal.opened", deal, actor, source=source.value, source_id=source_id)
    return deal


def pair_posts(firm_org_id: int, team_org_id: int) -> tuple[int, int, int] | None:
    """(challenge, capability, chain) of the recommender's best match between the two, if any."""
    row = db.session.execute(
        sa.select(Challenge.id, Capability.id, Challenge.primary_chain_id)
        .join(Match, Match.challenge_id == Challenge.id)
        .join(Capability, Capability.id == Match.capability_id)
        .where(Challenge.organization_id == firm_org_id, Capability.organization_id == team_org_id)
        .where(sa.or_(Match.feedback.is_(None), Match.feedback != MatchFeedback.IRRELEVANT))
        .order_by(Match.score.desc(), Match.id)
        .limit(1)
    ).first()
    return tuple(row) if row is not None else None


def from_meeting(meeting: Meeting, outcome: MeetingOutcome, actor: User | None) -> Deal:
    firm_org, team_org = meeting.firm.organization_id, meeting.team.organization_id
    found = db.session.scalar(sa.select(Deal).where(Deal.meeting_id == meeting.id))
    if found is None:
        posts = pair_posts(firm_org, team_org)
        challenge_id, capability_id, chain_id = posts or (None, None, None)
        if chain_id is None and meeting.event.chains:
            chain_id = meeting.event.chains[0].id
        found = find_or_open(
            DealSource.MEETING,
            meeting.id,
            firm_org,
            team_org,
            actor,
            challenge_id=challenge_id,
            capability_id=capability_id,
            chain_id=chain_id,
            event_id=meeting.event_id,
        )
    if outcome.kind == OutcomeKind.AGREEMENT:
        if found.agreement_id is None:  # a signed Agreement row, once linked, is the record
            found.amount, found.signed_on = outcome.amount, outcome.agreed_on
        if found.stage == DealStage.FAILED:
            found.stage, found.failed_reason = DealStage.CONTACT, ""
        advance(found, DealStage.IMPLEMENTING, actor, _("洽谈成果：达成协议"))
    return found


def from_match(match: Match, actor: User | None) -> Deal:
    challenge, capability = match.challenge, match.capability
    return find_or_open(
        DealSource.MATCH,
        match.id,
        challenge.organization_id,
        capability.organization_id,
        actor,
        challenge_id=challenge.id,
        capability_id=capability.id,
        chain_id=challenge.primary_chain_id,
    )


def from_proposal(proposal: Proposal, actor: User | None) -> Deal:
    """A selected proposal: the firm and the team now negotiate the contract (会商)."""
    challenge = proposal.challenge
    deal = find_or_open(
        DealSource.PROPOSAL,
        proposal.id,
        challenge.organization_id,
        proposal.organization_id,
        actor,
        challenge_id=challenge.id,
        capability_id=proposal.capability_id,
        chain_id=challenge.primary_chain_id,
    )
    advance(deal, DealStage.NEGOTIATING, actor, _("揭榜入选"))
    return deal


def link_agreement(agreement: Agreement, actor: User | None) -> Deal:
    """The signed contract joins the deal of its proposal (or of the pair and challenge), which
    moves to 落实; with no such deal one is opened at 落实. One deal per agreement."""
    found = db.session.scalar(sa.select(Deal).where(Deal.agreement_id == agreement.id))
    if found is not None:
        return found
    challenge = agreement.challenge
    firm_org, team_org = challenge.organization_id, agreement.organization_id
    deal = None
    if agreement.proposal_id is not None:
        deal = db.session.scalar(sa.select(Deal).where(Deal.proposal_id == agreement.proposal_id))
    if deal is None or deal.agreement_id is not None:
        deal = active_for(firm_org, team_org, challenge.id)
    if deal is None or deal.agreement_id is not None:
        proposal_taken = agreement.proposal_id is not None and db.session.scalar(
            sa.select(Deal.id).where(Deal.proposal_id == agreement.proposal_id)
        )
        deal = Deal(
            title=challenge.title[:200],
            firm_org_id=firm_org,
            team_org_id=team_org,
            challenge_id=challenge.id,
            capability_id=agreement.proposal.capability_id if agreement.proposal else None,
            chain_id=challenge.primary_chain_id,
            source=DealSource.PROPOSAL if agreement.proposal_id else DealSource.MANUAL,
            proposal_id=None if proposal_taken else agreement.proposal_id,
            stage=DealStage.CONTACT,
            last_action_at=datetime.now(UTC),
        )
        db.session.add(deal)
        db.session.flush()
        audit.record("deal.opened", deal, actor, source="agreement", agreement_id=agreement.id)
    deal.agreement_id, deal.signed_on = agreement.id, agreement.signed_on
    if deal.stage == DealStage.FAILED:  # a signed contract outweighs an earlier "未成"
        deal.stage, deal.failed_reason = DealStage.CONTACT, ""
    advance(deal, DealStage.IMPLEMENTING, actor, _("已登记签约"))
    touch(deal)
    audit.record("deal.agreement", deal, actor, agreement_id=agreement.id)
    return deal
