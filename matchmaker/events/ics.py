"""An event as an iCalendar file (RFC 5545) that calendar programs import, written with the
`icalendar` package. Times are China time with the zone attached (TZID), so a calendar in any
zone shows the right moment."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, url_for
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from matchmaker.models import Event
from matchmaker.models.base import utcnow
from matchmaker.timezones import zone

PRODID = "-//Matchmaker//产学研精准对接平台//ZH"


def _uid(event: Event) -> str:
    host = current_app.config["PUBLIC_URL"].split("//")[-1].split("/")[0] or "matchmaker.local"
    return f"event-{event.id}@{host}"


def event_calendar(event: Event, english: bool = False) -> bytes:
    tz = zone()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    item = CalendarEvent()
    item.add("uid", _uid(event))
    item.add("dtstamp", utcnow())
    item.add("dtstart", datetime.combine(event.starts_on, event.start_time, tzinfo=tz))
    item.add("dtend", datetime.combine(event.ends_on, event.end_time, tzinfo=tz))
    item.add("summary", (event.title_en or event.title) if english else event.title)
    where = (event.venue_en or event.venue) if english else event.venue
    item.add("location", ", ".join(x for x in (where, event.city) if x))
    item.add("description", (event.agenda_outline_en or event.agenda_outline) if english else event.agenda_outline)
    item.add("url", current_app.config["PUBLIC_URL"].rstrip("/") + url_for("events.detail", event_id=event.id))
    item.add("status", "CANCELLED" if event.status.value == "cancelled" else "CONFIRMED")
    item.add("sequence", event.version)
    cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()
