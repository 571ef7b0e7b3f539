"""Demo meetings: the upcoming demo event has a grid and requests in every state (the demo
university has one to answer, one has expired), held events have published meetings, and a
second seeding changes nothing."""

from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from matchmaker.events.agenda_check import check
from matchmaker.meetings.grid import is_set
from matchmaker.meetings.queries import place_of
from matchmaker.models import Event, EventStatus, Meeting, MeetingRequest, RequestStatus, User
from matchmaker.seed.loader import load_all

SEED_DIR = Path(__file__).resolve().parents[2] / "seed_data"


def test_demo_meetings_are_realistic_and_idempotent(db):
    load_all(SEED_DIR)
    db.session.commit()
    upcoming = db.session.scalar(sa.select(Event).where(Event.seed_key == "ev-it-equipment-winter"))
    assert is_set(upcoming) and upcoming.online_meetings  # a hybrid event
    states = Counter(db.session.scalars(sa.select(MeetingRequest.status).where(MeetingRequest.event_id == upcoming.id)))
    for status in (RequestStatus.PENDING, RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.EXPIRED):
        assert states[status] >= 1, status
    team = db.session.scalar(sa.select(User).where(User.email == "team@demo.cn"))
    uni = place_of(upcoming, team)
    assert uni is not None
    pending = db.session.scalars(
        sa.select(MeetingRequest).where(
            MeetingRequest.to_participant_id == uni.id, MeetingRequest.status == RequestStatus.PENDING
        )
    ).all()
    assert pending  # the demo university has a request to answer in the browser

    held = db.session.scalars(sa.select(Event).where(Event.status.in_((EventStatus.HELD, EventStatus.CLOSED)))).all()
    for event in held:
        meetings = db.session.scalars(sa.select(Meeting).where(Meeting.event_id == event.id)).all()
        assert meetings and all(m.is_published for m in meetings), event.seed_key
        ids = {m.firm_participant_id for m in meetings} | {m.team_participant_id for m in meetings}
        data = {
            "slots": event.slot_count,
            "tables": len(event.tables),
            "participants": [{"id": str(i)} for i in ids],
            "requests": [{"a": str(m.firm_participant_id), "b": str(m.team_participant_id)} for m in meetings],
        }
        solution = [
            {
                "a": str(m.firm_participant_id),
                "b": str(m.team_participant_id),
                "slot": m.slot,
                "table": event.tables.index(m.table),
            }
            for m in meetings
        ]
        check(data, {"meetings": solution, "unscheduled": [], "objective": len(meetings), "bound": len(meetings)})

    counts = (
        db.session.scalar(sa.select(sa.func.count(MeetingRequest.id))),
        db.session.scalar(sa.select(sa.func.count(Meeting.id))),
    )
    again = load_all(SEED_DIR)
    db.session.commit()
    assert again["meetings"] == (0, 0)
    assert (
        db.session.scalar(sa.select(sa.func.count(MeetingRequest.id))),
        db.session.scalar(sa.select(sa.func.count(Meeting.id))),
    ) == counts
