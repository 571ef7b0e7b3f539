"""Activity per city across Shandong's 16 cities, by the organisation's city: challenges and
capabilities first published in the year, organisations at the year's held events (once per
event), and agreements signed in the year (the firm's city). Bars, not a map: see
static/vendor/echarts/README.md."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from matchmaker.challenges.queries import LISTED
from matchmaker.dashboard import agreements as counted
from matchmaker.dashboard.filters import CITIES, Filters, year_bounds
from matchmaker.dashboard.funnel import HOLDING
from matchmaker.dashboard.scope import events_of_year, took_place
from matchmaker.extensions import db
from matchmaker.models import Capability, CapabilityStatus, Challenge, Event, EventParticipant, Organization

MEASURES = ("challenges", "capabilities", "participants", "agreements")


def activity(filters: Filters) -> dict[str, Counter]:
    start, end = year_bounds(filters.year)
    made: dict[str, Counter] = {}
    for name, model, statuses in (
        ("challenges", Challenge, LISTED),
        ("capabilities", Capability, (CapabilityStatus.PUBLISHED,)),
    ):
        query = (
            sa.select(Organization.city, sa.func.count(model.id))
            .join(model, model.organization_id == Organization.id)
            .where(model.status.in_(statuses), model.published_at >= start, model.published_at < end)
            .group_by(Organization.city)
        )
        if filters.chain is not None:
            query = query.where(model.primary_chain_id == filters.chain.id)
        made[name] = Counter(dict(db.session.execute(query).all()))
    query = (
        sa.select(Organization.city, sa.func.count(EventParticipant.id))
        .join(EventParticipant, EventParticipant.organization_id == Organization.id)
        .join(Event, Event.id == EventParticipant.event_id)
        .where(events_of_year(filters.year), took_place(), EventParticipant.status.in_(HOLDING))
        .group_by(Organization.city)
    )
    if filters.chain is not None:
        query = query.where(Event.chains.any(id=filters.chain.id))
    made["participants"] = Counter(dict(db.session.execute(query).all()))
    rows = counted.rows()
    query = sa.select(rows.c.city, sa.func.count()).where(rows.c.year == filters.year).group_by(rows.c.city)
    if filters.chain is not None:
        query = query.where(rows.c.chain_id == filters.chain.id)
    made["agreements"] = Counter(dict(db.session.execute(query).all()))
    return made


def cities_shown(filters: Filters) -> tuple[str, ...]:
    """All 16 (a city without activity shows as 0, which is the point), or the one filtered."""
    return (filters.city,) if filters.city else CITIES
