"""The day itself: check-in, a no-show that frees the tables, and walk-in meetings placed there.

A no-show's meetings end as "no show" (the absent side recorded); the counterparts are told
their table is free and the organiser may seat them with someone else. A walk-in meeting is
locked and published at once, since the day is already under way."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.meetings import grid
from matchmaker.meetings.errors import MeetingError
from matchmaker.meetings.people import agenda_link, tell
from matchmaker.meetings.queries import CONFIRMED, confirmed
from matchmaker.meetings.scheduling import force
from matchmaker.models import (
    Event,
    EventParticipant,
    EventStatus,
    Meeting,
    MeetingSource,
    MeetingStatus,
    RequestStatus,
    User,
)
from matchmaker.models.base import utcnow

ON_THE_DAY = (EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED, EventStatus.HELD)


def _require_day(event: Event) -> None:
    if event.status not in ON_THE_DAY:
        raise MeetingError(_("活动%(status)s，不能签到或调整洽谈。", status=event.status.label))


def checkin_list(event: Event, q: str = "") -> list[EventParticipant]:
    """Confirmed participants, by organisation name or contact name (case-insensitive)."""
    rows = confirmed(event)
    q = q.strip().lower()
    if not q:
        return rows
    return [
        p for p in rows if q in p.organization.name.lower() or (p.user is not None and q in (p.user.name or "").lower())
    ]


def arrive(participant: EventParticipant, actor: User, arrived: bool = True) -> None:
    _require_day(participant.event)
    if participant.status not in CONFIRMED:
        raise MeetingError(_("只有确认参会的单位可以签到。"))
    participant.checked_in_at = utcnow() if arrived else None
    audit.record("meeting.checkin", participant, actor, arrived=arrived)


def absent_ids(event: Event) -> set[int]:
    return set(
        db.session.scalars(
            sa.select(Meeting.absent_participant_id).where(
                Meeting.event_id == event.id, Meeting.absent_participant_id.is_not(None)
            )
        )
    )


def no_show(participant: EventParticipant, actor: User) -> list[Meeting]:
    """Free every table of a participant who did not come; tell the counterparts."""
    event = participant.event
    _require_day(event)
    if participant.checked_in_at is not None:
        raise MeetingError(_("%(org)s 已签到，不能标记为缺席。", org=participant.organization.name))
    freed = list(
        db.session.scalars(
            sa.select(Meeting).where(
                Meeting.event_id == event.id,
                Meeting.status == MeetingStatus.SCHEDULED,
                sa.or_(Meeting.firm_participant_id == participant.id, Meeting.team_participant_id == participant.id),
            )
        )
    )
    for meeting in freed:
        meeting.status = MeetingStatus.NO_SHOW
        meeting.absent_participant_id = participant.id
        meeting.cancel_reason = _("%(org)s 未到场", org=participant.organization.name)
        if meeting.request is not None:
            meeting.request.status = RequestStatus.CANCELLED
            meeting.request.reason = meeting.cancel_reason
        other = meeting.team if meeting.firm_participant_id == participant.id else meeting.firm
        tell(
            [other],
            "meeting.no_show",
            _(
                "%(org)s 未到场，%(when)s 的洽谈取消",
                org=participant.organization.name,
                when=grid.slot_label(event, meeting.slot),
            ),
            _("%(t)s 已空出，组织方可能为您安排现场洽谈，请留意通知。", t=grid.table_label(meeting.table)),
            agenda_link(event),
        )
    audit.record("meeting.no_show", participant, actor, meetings=[m.id for m in freed])
    db.session.flush()
    return freed


def walk_in(
    event: Event, firm: EventParticipant, team: EventParticipant, slot: int, table: str | None, actor: User
) -> Meeting:
    _require_day(event)
    for p in (firm, team):
        if p.checked_in_at is None:
            raise MeetingError(_("%(org)s 尚未签到，不能安排现场洽谈。", org=p.organization.name))
    meeting = force(event, firm, team, slot, table, actor, source=MeetingSource.WALK_IN)
    meeting.published_slot, meeting.published_table, meeting.published_at = slot, table, utcnow()
    for me, other in ((firm, team), (team, firm)):
        tell(
            [me],
            "meeting.walk_in",
            _(
                "现场洽谈：%(when)s %(t)s 与 %(org)s",
                when=grid.slot_label(event, slot),
                t=grid.table_label(table),
                org=other.organization.name,
            ),
            _("组织方为您安排了现场洽谈，请按时到场。"),
            agenda_link(event),
        )
    return meeting


def free_cells(event: Event) -> list[tuple[int, str]]:
    """(slot, table) cells with no meeting, outside breaks: where a walk-in can go."""
    taken = set(
        db.session.execute(
            sa.select(Meeting.slot, Meeting.table).where(
                Meeting.event_id == event.id, Meeting.status == MeetingStatus.SCHEDULED, Meeting.table.is_not(None)
            )
        ).all()
    )
    return [(s, t) for s in grid.meeting_slots(event) for t in event.tables if (s, t) not in taken]
