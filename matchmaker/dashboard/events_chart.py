"""Events held and planned by month against the year's target.

Held: see scope.took_place (marked held or closed, or published and its day has come).
Planned: published and its day still to come (drafts and cancelled events are neither).
The cumulative line adds both: where the year ends if every planned event takes place."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from matchmaker.dashboard.filters import Filters
from matchmaker.dashboard.scope import HELD, PLANNED, events_of_year, took_place
from matchmaker.extensions import db
from matchmaker.models import Event


def by_month(filters: Filters) -> tuple[Counter, Counter]:
    """(held, planned) per month number 1–12. The chain filter keeps events themed on the chain;
    the city filter, events held in the city."""
    month = sa.extract("month", Event.starts_on).label("month")
    held_now = sa.case((took_place(), 1), else_=0).label("held")
    query = sa.select(month, held_now).where(events_of_year(filters.year), Event.status.in_((*HELD, *PLANNED)))
    if filters.chain is not None:
        query = query.where(Event.chains.any(id=filters.chain.id))
    if filters.city:
        query = query.where(Event.city == filters.city)
    events = query.subquery()  # grouped outside: PostgreSQL wants GROUP BY on plain columns
    held, planned = Counter(), Counter()
    grouped = sa.select(events.c.month, events.c.held, sa.func.count()).group_by(events.c.month, events.c.held)
    for number, was_held, n in db.session.execute(grouped):
        (held if was_held else planned)[int(number)] += n
    return held, planned
