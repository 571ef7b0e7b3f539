"""A participant's meetings as an iCalendar file: one VEVENT per published meeting, China time
with the zone attached (like matchmaker/events/ics.py). A cancelled meeting stays in the file
with STATUS:CANCELLED, so a calendar that imported it before drops it."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for
from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from matchmaker.events.ics import PRODID
from matchmaker.meetings import grid
from matchmaker.meetings.agendas import Row
from matchmaker.models import Event
from matchmaker.models.base import utcnow


def _host() -> str:
    return current_app.config["PUBLIC_URL"].split("//")[-1].split("/")[0] or "matchmaker.local"


def agenda_calendar(event: Event, rows: list[Row]) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    link = current_app.config["PUBLIC_URL"].rstrip("/") + url_for("meetings.agenda", event_id=event.id)
    for row in rows:
        start = grid.starts_at(event, row.slot)
        item = CalendarEvent()
        item.add("uid", f"meeting-{row.meeting.id}@{_host()}")
        item.add("dtstamp", utcnow())
        item.add("dtstart", start)
        item.add("dtend", start + timedelta(minutes=event.slot_minutes))
        item.add("summary", _("洽谈：%(org)s", org=row.counterpart.organization.name))
        where = row.meeting.online_link if row.meeting.table is None and row.meeting.online_link else row.table
        item.add("location", " · ".join(x for x in (event.venue, where) if x) if row.meeting.table else where)
        terms = "、".join(row.terms)
        item.add("description", f"{event.title}\n" + (_("对接要点：%(t)s", t=terms) if terms else ""))
        item.add("url", link)
        item.add("status", "CONFIRMED" if row.active else "CANCELLED")
        item.add("sequence", row.meeting.moved_count + (0 if row.active else 1))
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()
