"""Deals fixtures: a held event with a published meeting between a firm and a team (each with a
user), a technology manager, and small helpers to read notifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db as _db
from matchmaker.models import (
    Event,
    EventParticipant,
    EventStatus,
    Meeting,
    MeetingSource,
    Notification,
    OrgKind,
    ParticipantSource,
    ParticipantStatus,
    Role,
    Side,
    User,
    manager_chains,
)


@dataclass
class Held:
    event: Event
    firm: EventParticipant
    team: EventParticipant
    meeting: Meeting
    firm_user: User
    team_user: User


def place(event: Event, user: User, side: Side) -> EventParticipant:
    p = EventParticipant(
        event=event,
        organization_id=user.organization_id,
        user_id=user.id,
        side=side,
        status=ParticipantStatus.ACCEPTED,
        source=ParticipantSource.MANUAL,
    )
    _db.session.add(p)
    _db.session.flush()
    return p


def meeting(event: Event, firm: EventParticipant, team: EventParticipant, slot: int = 0) -> Meeting:
    m = Meeting(
        event_id=event.id,
        firm_participant_id=firm.id,
        team_participant_id=team.id,
        slot=slot,
        table="A1",
        published_slot=slot,
        published_table="A1",
        source=MeetingSource.ORGANISER,
    )
    _db.session.add(m)
    _db.session.commit()
    return m


@pytest.fixture
def held(db, chains, make_user, make_org):
    """An event held 5 days ago (status HELD) with one published meeting."""

    made: list[Held] = []

    def make(days_ago: int = 5, status: EventStatus = EventStatus.HELD) -> Held:
        n = f"（{len(made) + 1}）" if made else ""  # organisation names are unique
        day = date.today() - timedelta(days=days_ago)
        event = Event(
            title="高端装备产学研精准对接会",
            starts_on=day,
            ends_on=day,
            meeting_date=day,
            first_slot=time(13, 30),
            slot_minutes=20,
            slot_count=4,
            tables=["A1"],
            city="济南市",
            venue="山东大学明德楼",
            status=status,
            chains=[chains["equipment"]],
        )
        _db.session.add(event)
        firm_user = make_user(Role.FIRM, org=make_org(OrgKind.FIRM, name=f"青岛海川精机有限公司{n}"))
        team_user = make_user(Role.TEAM, org=make_org(OrgKind.UNIVERSITY, name=f"济南理工大学{n}"))
        firm, team = place(event, firm_user, Side.FIRM), place(event, team_user, Side.TEAM)
        made.append(Held(event, firm, team, meeting(event, firm, team), firm_user, team_user))
        return made[-1]

    return make


@pytest.fixture
def make_manager(db, make_user, make_org):
    def make(
        chain_ids: tuple[int, ...] = (), name: str | None = None, role: Role = Role.ORGANISER, org=None, **values
    ) -> User:
        """An organiser's staff member by default; a team-role manager (a university's technology
        transfer office) sees only the deals given to them."""
        user = make_user(
            role,
            org=org or make_org(OrgKind.AGENCY if role == Role.ORGANISER else OrgKind.INSTITUTE),
            **({"is_tech_manager": True, "title": "高级技术经理人"} | ({"name": name} if name else {}) | values),
        )
        for chain_id in chain_ids:
            _db.session.execute(manager_chains.insert().values(user_id=user.id, chain_id=chain_id))
        _db.session.commit()
        return user

    return make


def inbox(user: User) -> list[str]:
    return list(
        _db.session.scalars(
            sa.select(Notification.title).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    )


@pytest.fixture
def ctx(app, db):
    """Operations called directly need a request context (url_for, the request's locale)."""
    with app.test_request_context():
        yield


@pytest.fixture
def make_proposal(db):
    from matchmaker.models import Proposal

    def make(challenge, team_user, **values) -> Proposal:
        fields = {"summary": "热误差建模方案", "technical_route": "温度场测量+神经网络", "members": "赵教授"}
        proposal = Proposal(
            challenge=challenge,
            organization_id=team_user.organization_id,
            submitted_by_id=team_user.id,
            **(fields | values),
        )
        _db.session.add(proposal)
        _db.session.flush()
        return proposal

    return make


@pytest.fixture
def as_user(client, login_as):
    """Sign in as this user (signing out whoever was signed in: /login keeps a signed-in user)."""

    def switch(user: User):
        client.post("/logout")
        return login_as(user)

    return switch
