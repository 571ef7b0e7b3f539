"""From the database to the agenda solver and back.

`build` turns an event into the solver's plain input: confirmed participants with their
unavailable slots (breaks count as unavailable for everybody), accepted requests with priority
(mutual interest + match score), locked meetings where the organiser put them, and the published
meetings as "previous" so a re-solve moves as few of them as it can. `store` writes the result
as the organiser's draft (participants see it only once published) after the independent
checker has verified it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from matchmaker.events.agenda import AgendaInputError, solve
from matchmaker.events.agenda_check import check
from matchmaker.extensions import db
from matchmaker.meetings import grid
from matchmaker.meetings.queries import confirmed
from matchmaker.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSource,
    MeetingStatus,
    RequestStatus,
    Side,
)

DEFAULT_TIME_LIMIT = 5.0


def pid(participant_id: int) -> str:
    return f"[{participant_id}]"  # bracketed, so the solver's reasons can be put back into names


@dataclass
class Input:
    data: dict[str, Any]
    requests: dict[frozenset[str], MeetingRequest] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def words(self, text: str) -> str:
        for key, name in self.names.items():
            text = text.replace(key, name)
        return text


def build(event: Event, keep_published: bool = True) -> Input:
    people = confirmed(event)
    by_id = {p.id: p for p in people}
    breaks = set(event.break_slots or [])
    data: dict[str, Any] = {
        "slots": event.slot_count,
        "tables": grid.solver_tables(event, len(people)),
        "max_meetings": event.max_meetings,
        "participants": [
            {
                "id": pid(p.id),
                "unavailable": sorted(
                    {s for s in [*(p.unavailable_slots or []), *breaks] if 0 <= s < event.slot_count}
                ),
            }
            for p in people
        ],
        "requests": [],
    }
    made = Input(data, names={pid(p.id): p.organization.name for p in people})
    accepted = db.session.scalars(
        sa.select(MeetingRequest)
        .where(MeetingRequest.event_id == event.id, MeetingRequest.status == RequestStatus.ACCEPTED)
        .order_by(MeetingRequest.id)
    )
    placed = {m.request_id: m for m in _scheduled(event)}
    online_used: Counter[int] = Counter()
    previous = []
    for request in accepted:
        if request.from_participant_id not in by_id or request.to_participant_id not in by_id:
            continue  # one side no longer takes part
        key = frozenset((pid(request.from_participant_id), pid(request.to_participant_id)))
        if key in made.requests:
            continue
        made.requests[key] = request
        entry: dict[str, Any] = {
            "a": pid(request.from_participant_id),
            "b": pid(request.to_participant_id),
            "priority": request.priority,
        }
        meeting = placed.get(request.id)
        if meeting is not None and meeting.locked:
            entry["locked"] = {"slot": meeting.slot, "table": _index(event, meeting.table, meeting.slot, online_used)}
        elif meeting is not None and keep_published and meeting.is_published:
            previous.append((meeting, entry))
        data["requests"].append(entry)
    kept = []
    for meeting, entry in previous:
        index = _index(event, meeting.published_table, meeting.published_slot, online_used)
        if index is not None and meeting.published_slot < event.slot_count:
            kept.append({"a": entry["a"], "b": entry["b"], "slot": meeting.published_slot, "table": index})
    if kept:
        data["previous"] = kept
    return made


def _index(event: Event, table: str | None, slot: int, online_used: Counter[int]) -> int | None:
    """A table's solver number; online meetings take the next free online room of their slot."""
    if table is not None:
        return grid.table_index(event, table)
    index = len(event.tables) + online_used[slot]
    online_used[slot] += 1
    return index


def _scheduled(event: Event) -> list[Meeting]:
    return list(
        db.session.scalars(
            sa.select(Meeting).where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.SCHEDULED)
        )
    )


def run(event: Event, keep_published: bool = True) -> dict[str, Any]:
    """Solve, verify, store the draft; returns the figures the organiser reviews."""
    made = build(event, keep_published)
    limit = float(current_app.config.get("AGENDA_TIME_LIMIT", DEFAULT_TIME_LIMIT))
    try:
        solution = solve(made.data, time_limit=limit)
    except AgendaInputError as error:  # e.g. two locked meetings clash: name the organisations
        raise AgendaInputError(made.words(str(error))) from error
    report = check(made.data, solution)  # again, here: nothing unverified is ever stored
    store(event, made, solution)
    return {
        "meetings": report.meetings,
        "requests": len(made.data["requests"]),
        "unscheduled": len(solution["unscheduled"]),
        "objective": solution["objective"],
        "bound": solution["bound"],
        "idle_gaps": report.idle_gaps,
        "moved": report.moved,
        "dropped": solution.get("dropped", 0),
        "seconds": solution["seconds"],
        "checked": True,
    }


def store(event: Event, made: Input, solution: dict[str, Any]) -> None:
    existing = {m.request_id: m for m in _scheduled(event)}
    placed: set[int] = set()
    for item in solution["meetings"]:
        request = made.requests[frozenset((item["a"], item["b"]))]
        placed.add(request.id)
        request.unscheduled_reason = ""
        table = grid.table_name(event, item["table"])
        meeting = existing.get(request.id)
        if meeting is None:
            a, b = request.sender, request.recipient
            firm, team = (a, b) if a.side == Side.FIRM else (b, a)
            meeting = Meeting(
                event_id=event.id,
                request_id=request.id,
                firm_participant_id=firm.id,
                team_participant_id=team.id,
                source=MeetingSource.ORGANISER if request.by_organiser else MeetingSource.REQUEST,
                slot=item["slot"],
                table=table,
            )
            db.session.add(meeting)
        else:
            meeting.slot, meeting.table = item["slot"], table
    for item in solution["unscheduled"]:
        request = made.requests[frozenset((item["a"], item["b"]))]
        request.unscheduled_reason = made.words(item["reason"])[:500]
    for request_id, meeting in existing.items():
        if request_id in placed:
            continue
        if meeting.is_published:
            # Told to the participants when the organiser publishes the new agenda.
            meeting.status = MeetingStatus.CANCELLED
            meeting.cancel_reason = (meeting.request.unscheduled_reason if meeting.request else "") or _(
                "重新排程后无法安排"
            )
        else:
            db.session.delete(meeting)
    db.session.flush()
