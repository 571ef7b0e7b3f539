"""Events fixtures: an event in the test chains, participants in any state."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from matchmaker.extensions import db as _db
from matchmaker.models import Event, EventParticipant, EventStatus, ParticipantSource, ParticipantStatus, Side


@pytest.fixture
def make_event(db, chains):
    def make(status: EventStatus = EventStatus.PUBLISHED, days_ahead: int = 30, **values) -> Event:
        day = date.today() + timedelta(days=days_ahead)
        defaults = {
            "title": "高端装备产学研精准对接会",
            "starts_on": day,
            "ends_on": day,
            "start_time": time(9),
            "end_time": time(17),
            "city": "济南市",
            "venue": "山东大学明德楼",
            "registration_deadline": day - timedelta(days=3),
            "capacity_firms": 2,
            "capacity_teams": 2,
            "chains": [chains["equipment"]],
        }
        event = Event(status=status, **(defaults | values))
        _db.session.add(event)
        _db.session.commit()
        return event

    return make


@pytest.fixture
def add_participant(db):
    def add(event: Event, org, status: ParticipantStatus, side: Side | None = None, **values) -> EventParticipant:
        side = side or (Side.FIRM if org.kind.value == "firm" else Side.TEAM)
        participant = EventParticipant(
            event=event, organization_id=org.id, side=side, status=status, source=ParticipantSource.MANUAL, **values
        )
        _db.session.add(participant)
        _db.session.commit()
        return participant

    return add
