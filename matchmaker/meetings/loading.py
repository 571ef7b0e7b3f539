"""Load what a meetings view works on, or answer 404: the event, the signed-in user's confirmed
place at it, a request or a participant of this event."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from matchmaker.events.loading import event_or_404
from matchmaker.extensions import db
from matchmaker.form_fields import parse_id
from matchmaker.meetings.queries import place_of
from matchmaker.models import Event, EventParticipant, MeetingRequest


def my_place(event_id: int) -> tuple[Event, EventParticipant]:
    """Only confirmed participants take part in meetings; anyone else meets a 404, as if the
    page did not exist for them."""
    event = event_or_404(event_id)
    mine = place_of(event, current_user)
    if mine is None:
        abort(404)
    return event, mine


def request_or_404(event: Event, request_id: int) -> MeetingRequest:
    found = db.session.get(MeetingRequest, request_id)
    if found is None or found.event_id != event.id:
        abort(404)
    return found


def participant_of(event: Event, value: object) -> EventParticipant | None:
    """A participant of this event from a form value (a decimal id), or None."""
    number = parse_id(value)
    if number is None:
        return None
    found = db.session.get(EventParticipant, number)
    return found if found is not None and found.event_id == event.id else None
