"""What each dashboard row belongs to: a year (China time), a chain, a city. Shared by the funnel,
the events and the public page so every figure is cut the same way."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from matchmaker.challenges.queries import LISTED
from matchmaker.dashboard.filters import Filters, year_bounds
from matchmaker.models import Challenge, Event, EventStatus, event_chains
from matchmaker.timezones import local_today

# Events that happened or are still to happen (a cancelled or draft event is neither).
HELD = (EventStatus.HELD, EventStatus.CLOSED)
PLANNED = (EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED)


def took_place() -> sa.ColumnElement[bool]:
    """Held: marked held or closed, or published and its (meeting) day has come in China time —
    the rule by which outcomes may be recorded (matchmaker/deals/timing.py)."""
    day = sa.func.coalesce(Event.meeting_date, Event.starts_on)
    return sa.or_(Event.status.in_(HELD), sa.and_(Event.status.in_(PLANNED), day <= local_today()))


def main_chain_of_event() -> sa.ScalarSelect:
    """An event's first theme chain: its meetings count under it (each meeting once)."""
    return (
        sa.select(event_chains.c.chain_id)
        .where(event_chains.c.event_id == Event.id)
        .order_by(event_chains.c.position, event_chains.c.chain_id)
        .limit(1)
        .correlate(Event)
        .scalar_subquery()
    )


def published_challenges(filters: Filters, owner) -> sa.Select:
    """Challenges first published in the year and still listed (not withdrawn). `owner` is the
    Organization (alias) joined as the challenge's firm, for the city filter."""
    start, end = year_bounds(filters.year)
    query = (
        sa.select(Challenge.id)
        .join(owner, owner.id == Challenge.organization_id)
        .where(Challenge.status.in_(LISTED), Challenge.published_at >= start, Challenge.published_at < end)
    )
    if filters.chain is not None:
        query = query.where(Challenge.primary_chain_id == filters.chain.id)
    if filters.city:
        query = query.where(owner.city == filters.city)
    return query


def events_of_year(year: int) -> sa.ColumnElement[bool]:
    return sa.and_(Event.starts_on >= date(year, 1, 1), Event.starts_on < date(year + 1, 1, 1))
