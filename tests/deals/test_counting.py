"""The agreement count: each agreement once, whether reached at a meeting, recorded as an
Agreement, or both; checked against hand-computed figures."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from matchmaker.deals import outcomes
from matchmaker.deals.counting import agreements_counted
from matchmaker.deals.opening import from_proposal
from matchmaker.extensions import db
from matchmaker.models import Agreement, Deal, DealSource, DealStage, OutcomeKind, OutcomeSide, ProposalStatus
from matchmaker.proposals import agreements, selection


def test_an_agreement_reached_at_a_meeting_and_later_signed_counts_once(
    ctx, held, make_challenge, make_capability, make_proposal
):
    from matchmaker.models import Match

    h = held()
    challenge = make_challenge(h.firm.organization)
    capability = make_capability(h.team.organization)
    db.session.add(Match(challenge_id=challenge.id, capability_id=capability.id, score=0.9))
    yesterday = date.today() - timedelta(days=1)
    outcomes.record(h.meeting, OutcomeSide.FIRM, OutcomeKind.AGREEMENT, h.firm_user, Decimal("100"), yesterday)
    outcomes.record(h.meeting, OutcomeSide.TEAM, OutcomeKind.AGREEMENT, h.team_user, Decimal("100"), yesterday)
    assert agreements_counted(db.session) == (1, Decimal("100.00"))

    proposal = make_proposal(challenge, h.team_user, status=ProposalStatus.SUBMITTED)
    selection.select(proposal, h.firm_user)
    signed = agreements.record(proposal, Decimal("150"), date.today(), "", h.firm_user)

    [deal] = db.session.query(Deal).all()
    assert (deal.agreement_id, deal.meeting_id, deal.proposal_id) == (signed.id, h.meeting.id, proposal.id)
    assert agreements_counted(db.session) == (1, Decimal("150.00"))  # the contract's sum, once


def test_count_by_year_and_chain_with_unlinked_and_unsigned(ctx, firm, team, chains, make_challenge, make_proposal):
    """By hand: deal A (meeting sum 30, this year, equipment), deal B (Agreement 50 last year,
    new-energy), an Agreement no deal links (20, this year, equipment), a 落实 deal without any sum
    (not an agreement), an intent deal (not one)."""
    this_year, last_year = date.today().year, date.today().year - 1
    equipment, energy = chains["equipment"], chains["new-energy"]

    def deal(**values) -> Deal:
        made = Deal(title="对接", firm_org_id=firm.organization_id, team_org_id=team.organization_id, **values)
        db.session.add(made)
        db.session.flush()
        return made

    deal(
        source=DealSource.MEETING,
        stage=DealStage.IMPLEMENTING,
        amount=Decimal("30"),
        signed_on=date(this_year, 1, 2),
        chain_id=equipment.id,
    )
    old = make_challenge(firm.organization, primary_chain=energy, chains=[energy])
    b = deal(source=DealSource.PROPOSAL, stage=DealStage.IMPLEMENTING, chain_id=energy.id)
    signed_b = Agreement(
        challenge=old, organization_id=team.organization_id, amount=Decimal("50"), signed_on=date(last_year, 6, 1)
    )
    lone = Agreement(
        challenge=make_challenge(firm.organization),
        organization_id=team.organization_id,
        amount=Decimal("20"),
        signed_on=date(this_year, 1, 3),
    )
    db.session.add_all([signed_b, lone])
    db.session.flush()
    b.agreement_id = signed_b.id
    deal(source=DealSource.MANUAL, stage=DealStage.IMPLEMENTING, chain_id=equipment.id)
    deal(source=DealSource.MATCH, stage=DealStage.NEGOTIATING, amount=Decimal("999"), chain_id=equipment.id)
    db.session.flush()

    assert agreements_counted(db.session) == (3, Decimal("100.00"))
    assert agreements_counted(db.session, year=this_year) == (2, Decimal("50.00"))
    assert agreements_counted(db.session, year=last_year) == (1, Decimal("50.00"))
    assert agreements_counted(db.session, chain_id=equipment.id) == (2, Decimal("50.00"))
    assert agreements_counted(db.session, year=this_year, chain_id=energy.id) == (0, Decimal("0.00"))
    assert agreements_counted(db.session, year=10**9) == (0, Decimal("0.00"))


def test_an_agreement_after_a_failed_deal_revives_it(ctx, firm, team, make_challenge, make_proposal):
    challenge = make_challenge(firm.organization)
    proposal = make_proposal(challenge, team, status=ProposalStatus.SUBMITTED)
    selection.select(proposal, firm)
    deal = from_proposal(proposal, firm)
    deal.stage, deal.failed_reason = DealStage.FAILED, "预算未获批"
    db.session.flush()
    agreements.record(proposal, Decimal("80"), date.today(), "", firm)
    assert (deal.stage, deal.failed_reason) == (DealStage.IMPLEMENTING, "")
    assert agreements_counted(db.session) == (1, Decimal("80.00"))
