"""Personal agendas as participants were told them (the published places), with the pair's
explanation terms from the recommender; and the organiser's grid as rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from matchmaker.meetings import grid
from matchmaker.meetings.pairs import fits
from matchmaker.meetings.queries import meetings_of
from matchmaker.models import Event, EventParticipant, Meeting, MeetingStatus, Side


@dataclass
class Row:
    meeting: Meeting
    slot: int
    time: str
    table: str
    counterpart: EventParticipant
    terms: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.meeting.status == MeetingStatus.SCHEDULED


def personal(event: Event, participant: EventParticipant) -> list[Row]:
    meetings = meetings_of(participant, published=True)
    others = [m.team if participant.side == Side.FIRM else m.firm for m in meetings]
    keys = [(m.firm.organization_id, m.team.organization_id) for m in meetings]
    found = fits(keys)
    rows = [
        Row(
            m,
            m.published_slot,
            grid.slot_label(event, m.published_slot),
            grid.table_label(m.published_table),
            other,
            found[key].terms if key in found else [],
        )
        for m, other, key in zip(meetings, others, keys, strict=True)
    ]
    rows.sort(key=lambda r: (not r.active, r.slot, r.meeting.id))
    return rows
