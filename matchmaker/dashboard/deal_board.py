"""Deals by stage and by technology manager, and the stale ones.

Stale: a deal still open (对接 or 会商) with no recorded step for DEAL_STALE_DAYS (the deals
package's setting and rule, default 14 days). The year filter keeps deals opened in the year,
the chain filter the deal's chain, the city filter the firm's city."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from matchmaker.dashboard.filters import Filters, year_bounds
from matchmaker.deals.managers import OPEN
from matchmaker.deals.queries import stale_before
from matchmaker.extensions import db
from matchmaker.models import Deal, DealStage, Organization, User

STALE_SHOWN = 20  # the oldest ones; the managers' boards list them all


def _filtered(query: sa.Select, filters: Filters) -> sa.Select:
    start, end = year_bounds(filters.year)
    query = query.where(Deal.created_at >= start, Deal.created_at < end)
    if filters.chain is not None:
        query = query.where(Deal.chain_id == filters.chain.id)
    if filters.city:
        firm = aliased(Organization)
        query = query.join(firm, firm.id == Deal.firm_org_id).where(firm.city == filters.city)
    return query


def is_stale() -> sa.ColumnElement[bool]:
    """The deals package's rule (deals.queries.is_stale), as SQL."""
    return sa.and_(Deal.stage.in_(OPEN), Deal.last_action_at <= stale_before())


def by_manager(filters: Filters) -> list[tuple[User | None, dict[DealStage, int], int]]:
    """(manager or None for unassigned, deals per stage, stale deals), managers by name."""
    stale = sa.func.sum(sa.case((is_stale(), 1), else_=0))
    query = _filtered(
        sa.select(Deal.manager_id, Deal.stage, sa.func.count(Deal.id), stale).group_by(Deal.manager_id, Deal.stage),
        filters,
    )
    per: dict[int | None, tuple[dict, list]] = {}
    for manager_id, stage, n, n_stale in db.session.execute(query):
        stages, stale_count = per.setdefault(manager_id, ({s: 0 for s in DealStage}, [0]))
        stages[stage] += n
        stale_count[0] += int(n_stale or 0)
    managers = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_([i for i in per if i])))}
    made = [(managers.get(i), stages, s[0]) for i, (stages, s) in per.items()]
    return sorted(made, key=lambda row: (row[0] is None, row[0].name if row[0] else ""))


def stale_deals(filters: Filters) -> tuple[list[Deal], int]:
    """The longest-untouched stale deals (at most STALE_SHOWN) and how many are stale in all."""
    query = _filtered(sa.select(Deal).where(is_stale()), filters)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    shown = db.session.scalars(
        query.options(selectinload(Deal.manager), selectinload(Deal.firm), selectinload(Deal.team))
        .order_by(Deal.last_action_at, Deal.id)
        .limit(STALE_SHOWN)
    )
    return list(shown), total or 0
