"""Reads of events: public lists, an organisation's events, participant lists."""

from __future__ import annotations

from collections import Counter
from datetime import date

import sqlalchemy as sa

from matchmaker.events.lifecycle import PUBLIC
from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, EventStatus, Organization, ParticipantStatus, Side
from matchmaker.timezones import local_today

UPCOMING = (EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED)


def upcoming() -> sa.Select:
    return (
        sa.select(Event)
        .where(Event.status.in_(UPCOMING), Event.ends_on >= local_today())
        .order_by(Event.starts_on, Event.id)
    )


def past() -> sa.Select:
    """Held and closed events, and public ones whose date has gone by; newest first."""
    return (
        sa.select(Event)
        .where(
            sa.or_(
                Event.status.in_((EventStatus.HELD, EventStatus.CLOSED)),
                sa.and_(Event.status.in_(UPCOMING), Event.ends_on < local_today()),
            )
        )
        .order_by(Event.starts_on.desc(), Event.id.desc())
    )


def of_year(year: int) -> list[Event]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    return list(
        db.session.scalars(sa.select(Event).where(Event.starts_on.between(start, end)).order_by(Event.starts_on))
    )


def all_for_organiser() -> sa.Select:
    return sa.select(Event).order_by(Event.starts_on.desc(), Event.id.desc())


def is_public(event: Event) -> bool:
    return event.status in PUBLIC


def participants(
    event: Event, side: Side | None = None, status: ParticipantStatus | None = None
) -> list[EventParticipant]:
    query = (
        sa.select(EventParticipant)
        .join(Organization, Organization.id == EventParticipant.organization_id)
        .where(EventParticipant.event_id == event.id)
        .order_by(EventParticipant.side, EventParticipant.status, Organization.name)
    )
    if side is not None:
        query = query.where(EventParticipant.side == side)
    if status is not None:
        query = query.where(EventParticipant.status == status)
    return list(db.session.scalars(query))


def counts(event: Event) -> dict[Side, Counter]:
    rows = db.session.execute(
        sa.select(EventParticipant.side, EventParticipant.status, sa.func.count())
        .where(EventParticipant.event_id == event.id)
        .group_by(EventParticipant.side, EventParticipant.status)
    )
    result: dict[Side, Counter] = {Side.FIRM: Counter(), Side.TEAM: Counter()}
    for side, status, n in rows:
        result[side][status] = n
    return result


def of_organization(org_id: int) -> list[tuple[Event, EventParticipant]]:
    """The events an organisation is on the list of, newest first."""
    rows = db.session.execute(
        sa.select(Event, EventParticipant)
        .join(EventParticipant, EventParticipant.event_id == Event.id)
        .where(EventParticipant.organization_id == org_id)
        .order_by(Event.starts_on.desc())
    )
    return [tuple(r) for r in rows.all()]


def open_for(org_id: int, limit: int = 3) -> list[Event]:
    """Upcoming public events the organisation is not yet on the list of (for its home page)."""
    mine = sa.select(EventParticipant.event_id).where(EventParticipant.organization_id == org_id)
    return list(db.session.scalars(upcoming().where(Event.id.not_in(mine)).limit(limit)))
