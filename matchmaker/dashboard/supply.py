"""Open demand against supply, chain by chain: where the next event should go.

A cell (row i, column j) counts the recommender's pairs (Match rows) between open challenges
(status published) whose main chain is i and published capabilities whose main chain is j: a
strong cell off the diagonal says chain i's firms would meet chain j's teams. Beside it, per
chain: open challenges (demand), published capabilities (supply) and demand per unit of supply;
a chain with much demand, little supply and few pairs needs teams invited from elsewhere.
Open demand is today's, so the year filter does not apply; the city filter takes the firm's city
(demand side), and the chain filter keeps that chain's row."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from matchmaker.dashboard.filters import Filters
from matchmaker.extensions import db
from matchmaker.models import Capability, CapabilityStatus, Chain, Challenge, ChallengeStatus, Match, Organization


@dataclass
class Matrix:
    chains: list[Chain]  # the axes, in the chains' order
    pairs: dict[tuple[int, int], int]  # (demand chain id, supply chain id) -> pairs
    demand: dict[int, int]
    supply: dict[int, int]

    def ratio(self, chain_id: int) -> float | None:
        supply = self.supply.get(chain_id, 0)
        return round(self.demand.get(chain_id, 0) / supply, 2) if supply else None


def matrix(filters: Filters) -> Matrix:
    chains = list(db.session.scalars(sa.select(Chain).where(Chain.active).order_by(Chain.sort_order, Chain.id)))
    firm = aliased(Organization)
    open_demand = (
        sa.select(Challenge.id, Challenge.primary_chain_id)
        .join(firm, firm.id == Challenge.organization_id)
        .where(Challenge.status == ChallengeStatus.PUBLISHED)
    )
    if filters.city:
        open_demand = open_demand.where(firm.city == filters.city)
    if filters.chain is not None:
        open_demand = open_demand.where(Challenge.primary_chain_id == filters.chain.id)
    open_demand = open_demand.subquery()
    demand = dict(
        db.session.execute(
            sa.select(open_demand.c.primary_chain_id, sa.func.count()).group_by(open_demand.c.primary_chain_id)
        ).all()
    )
    supply = dict(
        db.session.execute(
            sa.select(Capability.primary_chain_id, sa.func.count())
            .where(Capability.status == CapabilityStatus.PUBLISHED)
            .group_by(Capability.primary_chain_id)
        ).all()
    )
    rows = db.session.execute(
        sa.select(open_demand.c.primary_chain_id, Capability.primary_chain_id, sa.func.count(Match.id))
        .join(Match, Match.challenge_id == open_demand.c.id)
        .join(Capability, Capability.id == Match.capability_id)
        .where(Capability.status == CapabilityStatus.PUBLISHED)
        .group_by(open_demand.c.primary_chain_id, Capability.primary_chain_id)
    ).all()
    return Matrix(chains, {(i, j): n for i, j, n in rows}, demand, supply)
