"""Meetings fixtures: an event with its meeting grid and confirmed firms and teams, each with a
user; the events fixtures (make_event, add_participant) are reused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

import pytest

from matchmaker.extensions import db as _db
from matchmaker.models import (
    Event,
    EventFormat,
    EventParticipant,
    Match,
    MeetingRequest,
    Notification,
    OrgKind,
    ParticipantStatus,
    RequestStatus,
    Role,
    User,
)
from tests.events.conftest import add_participant, make_event  # noqa: F401  (fixtures)


@dataclass
class Setup:
    event: Event
    firms: list[EventParticipant]
    teams: list[EventParticipant]
    users: dict[int, User]  # participant id -> its user

    def user(self, participant: EventParticipant) -> User:
        return self.users[participant.id]


@pytest.fixture(autouse=True)
def _quick_solver(app):
    """Tiny instances solve in milliseconds; a short limit keeps a slow machine from dragging."""
    before = app.config.get("AGENDA_TIME_LIMIT")
    app.config["AGENDA_TIME_LIMIT"] = 1.0
    yield
    app.config["AGENDA_TIME_LIMIT"] = before


@pytest.fixture
def setup(make_event, add_participant, make_org, make_user):  # noqa: F811
    def make(firms: int = 2, teams: int = 2, **grid) -> Setup:
        values = {
            "capacity_firms": 10,
            "capacity_teams": 10,
            "format": EventFormat.HYBRID,
            "first_slot": time(13, 30),
            "slot_minutes": 20,
            "slot_count": 4,
            "tables": ["A1", "A2"],
            "max_meetings": 4,
            "answer_timeout_hours": 48,
        } | grid
        event = make_event(**values)
        event.meeting_date = event.starts_on
        users, made = {}, {"firm": [], "team": []}
        for kind, count, role in (("firm", firms, Role.FIRM), ("team", teams, Role.TEAM)):
            for n in range(count):
                org = make_org(OrgKind.FIRM if kind == "firm" else OrgKind.UNIVERSITY, name=f"{kind}-{n}")
                user = make_user(role, org=org)
                p = add_participant(event, org, ParticipantStatus.ACCEPTED, user_id=user.id)
                users[p.id] = user
                made[kind].append(p)
        _db.session.commit()
        return Setup(event, made["firm"], made["team"], users)

    return make


@pytest.fixture
def match_between(make_challenge, make_capability):
    """A Match row between two participants' organisations: the recommender's score and terms."""

    def make(firm: EventParticipant, team: EventParticipant, score: float, terms: list[str]) -> Match:
        challenge = make_challenge(firm.organization)
        capability = make_capability(team.organization)
        match = Match(challenge_id=challenge.id, capability_id=capability.id, score=score, terms=terms)
        _db.session.add(match)
        _db.session.commit()
        return match

    return make


def accepted(event: Event, a: EventParticipant, b: EventParticipant, **values) -> MeetingRequest:
    """An accepted request, made directly (the request rules are tested on their own)."""
    made = MeetingRequest(
        event_id=event.id, from_participant_id=a.id, to_participant_id=b.id, status=RequestStatus.ACCEPTED, **values
    )
    _db.session.add(made)
    _db.session.commit()
    return made


def notes(user: User) -> list[str]:
    return [n.title for n in _db.session.query(Notification).filter_by(user_id=user.id).order_by(Notification.id)]
