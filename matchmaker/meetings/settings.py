"""The organiser sets an event's meeting grid. A change that would strand placed meetings (a
slot or table they use taken away) is refused, so nobody's agenda silently breaks."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.meetings import grid
from matchmaker.meetings.errors import MeetingError
from matchmaker.meetings.forms import GridForm
from matchmaker.meetings.queries import scheduled
from matchmaker.models import Event, EventFormat, EventStatus, User
from matchmaker.timezones import to_local, zone

EDITABLE = (EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED)


def fill(form: GridForm, event: Event) -> None:
    """Show the stored grid in the form (break slots and times as the organiser reads them)."""
    form.meeting_date.data = grid.day(event)
    form.first_slot.data = event.first_slot or event.start_time
    form.slot_minutes.data = event.slot_minutes
    form.slot_count.data = event.slot_count or 12
    form.break_slots.data = ", ".join(str(n + 1) for n in event.break_slots or [])
    form.tables.data = "\n".join(event.tables or [])
    form.online_meetings.data = event.online_meetings
    form.max_meetings.data = event.max_meetings
    deadline = event.request_deadline
    form.request_deadline.data = to_local(deadline).replace(tzinfo=None) if deadline else None
    form.answer_timeout_hours.data = event.answer_timeout_hours


def apply(form: GridForm, event: Event, actor: User) -> None:
    if event.status not in EDITABLE:
        raise MeetingError(_("活动已%(status)s，洽谈时段不能再修改。", status=event.status.label))
    if not event.starts_on <= form.meeting_date.data <= event.ends_on:
        raise MeetingError(_("洽谈日期须在活动日期内（%(a)s 至 %(b)s）。", a=event.starts_on, b=event.ends_on))
    online = form.online_meetings.data
    if online and event.format == EventFormat.OFFLINE:
        raise MeetingError(_("线下活动不能安排线上洽谈；如需线上洽谈，请先把活动形式改为线上或线上线下结合。"))
    names = form.tables.names
    if not names and not online:
        raise MeetingError(_("请至少设置一张洽谈桌，或允许线上洽谈。"))
    for meeting in scheduled(event):
        if meeting.slot >= form.slot_count.data or meeting.slot in form.break_slots.slots:
            raise MeetingError(_("第 %(n)d 场已排有洽谈，不能删去或设为休息；请先取消或重新排程。", n=meeting.slot + 1))
        if meeting.table is not None and meeting.table not in names:
            raise MeetingError(_("“%(t)s”已排有洽谈，不能删去。", t=meeting.table))
        if meeting.table is None and not online:
            raise MeetingError(_("已有线上洽谈，不能关闭线上洽谈。"))
    event.meeting_date = form.meeting_date.data
    event.first_slot = form.first_slot.data
    event.slot_minutes = form.slot_minutes.data
    event.slot_count = form.slot_count.data
    event.break_slots = form.break_slots.slots
    event.tables = names
    event.online_meetings = online
    event.max_meetings = form.max_meetings.data
    deadline = form.request_deadline.data
    # stored as UTC: SQLite keeps no offset, so a China-time value would read back 8 h late
    event.request_deadline = (
        datetime.combine(deadline.date(), deadline.time(), tzinfo=zone()).astimezone(UTC) if deadline else None
    )
    event.answer_timeout_hours = form.answer_timeout_hours.data
    audit.record("meeting.grid", event, actor, slots=event.slot_count, tables=len(names), online=online)
