"""Deals open from the three sources, once per source, and a source for a pair and challenge
that already has a live deal joins it instead of opening a second."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from matchmaker.deals import outcomes
from matchmaker.deals.opening import from_match, from_proposal
from matchmaker.extensions import db
from matchmaker.matching.operations import record_feedback
from matchmaker.models import (
    Deal,
    DealSource,
    DealStage,
    Match,
    MatchFeedback,
    OutcomeKind,
    OutcomeSide,
    ProposalStatus,
)
from matchmaker.proposals import selection


def deals() -> list[Deal]:
    return list(db.session.scalars(sa.select(Deal).order_by(Deal.id)))


def test_intent_opens_one_deal_per_meeting(ctx, held, organiser, make_challenge, make_capability):
    h = held()
    challenge = make_challenge(h.firm.organization)
    capability = make_capability(h.team.organization)
    db.session.add(Match(challenge_id=challenge.id, capability_id=capability.id, score=0.8))
    outcomes.record(h.meeting, OutcomeSide.FIRM, OutcomeKind.FOLLOW_UP, h.firm_user)
    assert deals() == []  # follow-up only: nothing to carry yet
    outcomes.record(h.meeting, OutcomeSide.TEAM, OutcomeKind.INTENT, h.team_user)
    outcomes.record(h.meeting, OutcomeSide.ORGANISER, OutcomeKind.INTENT, organiser)
    [deal] = deals()
    assert (deal.source, deal.stage, deal.meeting_id, deal.event_id) == (
        DealSource.MEETING,
        DealStage.CONTACT,
        h.meeting.id,
        h.event.id,
    )
    assert (deal.firm_org_id, deal.team_org_id) == (h.firm.organization_id, h.team.organization_id)
    # The pair's best match names the problem; its chain is the deal's.
    assert (deal.challenge_id, deal.capability_id, deal.chain_id) == (
        challenge.id,
        capability.id,
        challenge.primary_chain_id,
    )


def test_agreement_moves_the_deal_to_implementing_with_sum_and_date(ctx, held):
    h = held()
    outcomes.record(h.meeting, OutcomeSide.TEAM, OutcomeKind.INTENT, h.team_user)
    day = date.today() - timedelta(days=1)
    outcomes.record(h.meeting, OutcomeSide.FIRM, OutcomeKind.AGREEMENT, h.firm_user, Decimal("120"), day)
    [deal] = deals()
    assert (deal.stage, deal.amount, deal.signed_on) == (DealStage.IMPLEMENTING, Decimal("120"), day)
    assert deal.challenge_id is None and deal.chain_id == h.event.chains[0].id  # no match: the event's chain
    assert deal.title == "青岛海川精机有限公司 × 济南理工大学"


def test_match_marked_contacted_opens_a_deal_once(ctx, firm, team, make_challenge, make_capability):
    challenge, capability = make_challenge(firm.organization), make_capability(team.organization)
    match = Match(challenge_id=challenge.id, capability_id=capability.id, score=0.7)
    db.session.add(match)
    db.session.flush()
    record_feedback(match, MatchFeedback.RELEVANT, firm)
    assert deals() == []
    record_feedback(match, MatchFeedback.CONTACTED, firm)
    record_feedback(match, MatchFeedback.CONTACTED, firm)  # marked twice: still one deal
    [deal] = deals()
    assert (deal.source, deal.match_id, deal.challenge_id, deal.stage) == (
        DealSource.MATCH,
        match.id,
        challenge.id,
        DealStage.CONTACT,
    )


def test_selected_proposal_joins_the_pairs_deal_and_moves_it_to_negotiating(
    ctx, firm, team, make_challenge, make_capability, make_proposal
):
    challenge, capability = make_challenge(firm.organization), make_capability(team.organization)
    match = Match(challenge_id=challenge.id, capability_id=capability.id, score=0.7)
    db.session.add(match)
    db.session.flush()
    from_match(match, firm)
    proposal = make_proposal(challenge, team, status=ProposalStatus.SUBMITTED)
    selection.select(proposal, firm)
    [deal] = deals()
    assert (deal.match_id, deal.proposal_id, deal.stage) == (match.id, proposal.id, DealStage.NEGOTIATING)


def test_another_challenge_or_an_ended_deal_opens_a_new_one(
    ctx, firm, team, make_challenge, make_capability, make_proposal
):
    first, second = make_challenge(firm.organization), make_challenge(firm.organization)
    a = from_proposal(make_proposal(first, team), firm)
    b = from_proposal(make_proposal(second, team), firm)
    assert a.id != b.id
    a.stage = DealStage.FAILED
    db.session.flush()
    match = Match(challenge_id=first.id, capability_id=make_capability(team.organization).id, score=0.5)
    db.session.add(match)
    db.session.flush()
    c = from_match(match, firm)
    assert c.id not in (a.id, b.id) and c.match_id == match.id
