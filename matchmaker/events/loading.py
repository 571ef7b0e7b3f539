"""Load an event or a participant for a view, or answer 404: drafts exist only for organisers."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from matchmaker.authz import is_organiser
from matchmaker.events.queries import is_public
from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant


def event_or_404(event_id: int, organiser_only: bool = False) -> Event:
    event = db.session.get(Event, event_id)
    if event is None or ((organiser_only or not is_public(event)) and not is_organiser(current_user)):
        abort(404)
    return event


def participant_or_404(event: Event, participant_id: int) -> EventParticipant:
    participant = db.session.get(EventParticipant, participant_id)
    if participant is None or participant.event_id != event.id:
        abort(404)
    return participant
