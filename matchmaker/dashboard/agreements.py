"""Agreements as rows the dashboard can group any way (by chain, event, city, year).

The counting rule (each agreement once): a deal at 落实 with a linked Agreement or with an
amount reported at a meeting, plus the Agreements no deal links to. A deal's linked Agreement
gives the amount and date; otherwise the deal's own (no date: in no year). The chain is the deal's chain (or the
challenge's main chain), the city the firm's. `matchmaker.deals.counting.agreements_counted`
applies the same rule for a year and a chain (tests/dashboard/test_one_rule.py holds them equal);
these rows add what the dashboard also cuts by: the event and the firm's city."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from matchmaker.models import Agreement, Challenge, Deal, DealStage, Organization


def rows() -> sa.Subquery:
    """(chain_id, event_id, city, amount, year) per counted agreement."""
    firm = aliased(Organization)
    from_deals = (
        sa.select(
            Deal.chain_id.label("chain_id"),
            Deal.event_id.label("event_id"),
            firm.city.label("city"),
            sa.func.coalesce(Agreement.amount, Deal.amount).label("amount"),
            sa.extract("year", sa.func.coalesce(Agreement.signed_on, Deal.signed_on)).label("year"),
        )
        .join(firm, firm.id == Deal.firm_org_id)
        .outerjoin(Agreement, Agreement.id == Deal.agreement_id)
        .where(Deal.stage == DealStage.IMPLEMENTING, sa.or_(Deal.agreement_id.is_not(None), Deal.amount.is_not(None)))
    )
    owner = aliased(Organization)
    linked = sa.select(Deal.id).where(Deal.agreement_id == Agreement.id)
    unlinked = (
        sa.select(
            Challenge.primary_chain_id,
            sa.null().label("event_id"),  # an agreement from a 揭榜 proposal, not from an event
            owner.city,
            Agreement.amount,
            sa.extract("year", Agreement.signed_on),
        )
        .join(Challenge, Challenge.id == Agreement.challenge_id)
        .join(owner, owner.id == Challenge.organization_id)
        .where(~linked.exists())
    )
    return sa.union_all(from_deals, unlinked).subquery("counted_agreements")
