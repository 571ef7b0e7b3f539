"""When a meeting is over (its outcome may be recorded) and when an event is (its feedback may be
given): held or closed events, or published ones whose meeting slot has ended in China time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from matchmaker.meetings import grid
from matchmaker.models import Event, EventStatus, Meeting, MeetingStatus
from matchmaker.timezones import local_today, zone

FINISHED = (EventStatus.HELD, EventStatus.CLOSED)
RUNNING = (EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED)


def meeting_ends(meeting: Meeting) -> datetime:
    event = meeting.event
    slot = meeting.published_slot if meeting.published_slot is not None else meeting.slot
    first = datetime.combine(grid.day(event), event.first_slot or event.start_time, tzinfo=zone())
    return first + timedelta(minutes=event.slot_minutes * (slot + 1))


def meeting_over(meeting: Meeting, now: datetime | None = None) -> bool:
    """A meeting that took place: scheduled (not cancelled, no one absent) and its slot ended."""
    if meeting.status != MeetingStatus.SCHEDULED:
        return False
    if meeting.event.status in FINISHED:
        return True
    return meeting.event.status in RUNNING and (now or datetime.now(UTC)) >= meeting_ends(meeting)


def event_over(event: Event) -> bool:
    return event.status in FINISHED or (event.status in RUNNING and grid.day(event) <= local_today())
