"""The event's meeting grid in plain terms: slot times in China time, table names, and how the
grid maps onto the solver's numbered tables (named tables first, then online rooms)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _

from matchmaker.models import Event, EventFormat
from matchmaker.timezones import zone

ONLINE = None  # a meeting's table when it takes place online


@dataclass(frozen=True)
class Slot:
    number: int
    start: time
    end: time
    is_break: bool

    @property
    def label(self) -> str:
        return f"{self.start.strftime('%H:%M')}–{self.end.strftime('%H:%M')}"


def is_set(event: Event) -> bool:
    return bool(event.meeting_date and event.first_slot and event.slot_count > 0 and (event.tables or online(event)))


def online(event: Event) -> bool:
    """Online meetings (no table, a link) only for 线上 / 混合 events that allow them."""
    return event.online_meetings and event.format in (EventFormat.ONLINE, EventFormat.HYBRID)


def day(event: Event) -> date:
    return event.meeting_date or event.starts_on


def slots(event: Event) -> list[Slot]:
    if not event.first_slot:
        return []
    start = datetime.combine(day(event), event.first_slot)
    step = timedelta(minutes=event.slot_minutes)
    breaks = set(event.break_slots or [])
    return [
        Slot(n, (start + n * step).time(), (start + (n + 1) * step).time(), n in breaks)
        for n in range(event.slot_count)
    ]


def slot_label(event: Event, number: int | None) -> str:
    if number is None or not event.first_slot:
        return ""
    start = datetime.combine(day(event), event.first_slot) + number * timedelta(minutes=event.slot_minutes)
    return f"{start.strftime('%H:%M')}–{(start + timedelta(minutes=event.slot_minutes)).strftime('%H:%M')}"


def starts_at(event: Event, number: int) -> datetime:
    """The slot's start as an aware China-time moment (for .ics and "is it over yet")."""
    first = datetime.combine(day(event), event.first_slot, tzinfo=zone())
    return first + number * timedelta(minutes=event.slot_minutes)


def table_label(table: str | None) -> str:
    return _("线上") if table is None else table


def online_rooms(event: Event, participants: int) -> int:
    """Enough online rooms that they never bind: at most one meeting per two participants a slot."""
    return max(participants // 2, 1) if online(event) else 0


def solver_tables(event: Event, participants: int) -> int:
    return len(event.tables) + online_rooms(event, participants)


def table_index(event: Event, table: str | None) -> int | None:
    """The solver's number of a table name; None for a name no longer on the grid. Online meetings
    get the first online room (the solver only needs the count per slot for those)."""
    if table is None:
        return len(event.tables) if online(event) else None
    try:
        return event.tables.index(table)
    except ValueError:
        return None


def table_name(event: Event, index: int) -> str | None:
    return event.tables[index] if index < len(event.tables) else ONLINE


def meeting_slots(event: Event) -> list[int]:
    return [s.number for s in slots(event) if not s.is_break]
