"""Plain data for the agenda solver: the validated problem, parsed from the contract's JSON.

Slots are kept as bit masks (bit s = slot s) because every inner loop of the solver asks
"is this participant free in slot s" and "which slots do both have free".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


class AgendaInputError(ValueError):
    """Bad solver input; the message is one line, fit for stderr or a 4xx page."""


@dataclass(frozen=True)
class Request:
    a: int  # participant index
    b: int
    priority: float
    locked: tuple[int, int] | None  # (slot, table)


@dataclass(frozen=True)
class Previous:
    request: int  # request index
    slot: int
    table: int


@dataclass
class Problem:
    slots: int
    tables: int
    ids: list[str]  # participant index -> id
    avail: list[int]  # participant index -> mask of slots they can meet in
    cap: list[int]  # participant index -> most meetings (max_meetings, free slots)
    max_meetings: list[int | None]  # participant index -> the organiser's limit, if any
    requests: list[Request]
    previous: list[Previous] = field(default_factory=list)
    cancelled_previous: int = 0  # published meetings whose request or participant is gone
    time_limit: float | None = None

    @property
    def full(self) -> int:
        return (1 << self.slots) - 1


def _int(value: Any, what: str, low: int = 0, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AgendaInputError(f"{what} must be an integer, got {value!r}")
    if value < low or (high is not None and value >= high):
        bound = f"[{low}, {high - 1}]" if high is not None else f">= {low}"
        raise AgendaInputError(f"{what} {value} is out of range {bound}")
    return value


def _obj(value: Any, what: str) -> dict:
    if not isinstance(value, dict):
        raise AgendaInputError(f"{what} must be an object")
    return value


def _list(value: Any, what: str) -> list:
    if not isinstance(value, list):
        raise AgendaInputError(f"{what} must be a list")
    return value


def _id(value: Any, what: str) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool) or str(value) == "":
        raise AgendaInputError(f"{what} must be a non-empty string")
    return str(value)


def parse_problem(data: Any) -> Problem:
    """Validate the contract's input and index it. Raises AgendaInputError with one clear line."""
    data = _obj(data, "input")
    slots = _int(data.get("slots"), "slots", 1, 64)
    tables = _int(data.get("tables"), "tables", 1)
    full = (1 << slots) - 1

    ids: list[str] = []
    index: dict[str, int] = {}
    avail: list[int] = []
    for n, p in enumerate(_list(data.get("participants"), "participants")):
        p = _obj(p, f"participants[{n}]")
        pid = _id(p.get("id"), f"participants[{n}].id")
        if pid in index:
            raise AgendaInputError(f"participant {pid!r} is listed twice")
        mask = full
        for s in _list(p.get("unavailable", []), f"participant {pid!r} unavailable"):
            mask &= ~(1 << _int(s, f"participant {pid!r} unavailable slot", 0, slots))
        index[pid] = len(ids)
        ids.append(pid)
        avail.append(mask)

    limits = _max_meetings(data.get("max_meetings"), index)
    cap = [a.bit_count() if m is None else min(m, a.bit_count()) for a, m in zip(avail, limits, strict=True)]

    def who(value: Any, what: str) -> int:
        pid = _id(value, what)
        if pid not in index:
            raise AgendaInputError(f"{what} {pid!r} is not a participant")
        return index[pid]

    requests: list[Request] = []
    pairs: dict[frozenset[int], int] = {}
    for n, r in enumerate(_list(data.get("requests"), "requests")):
        r = _obj(r, f"requests[{n}]")
        a, b = who(r.get("a"), f"requests[{n}].a"), who(r.get("b"), f"requests[{n}].b")
        if a == b:
            raise AgendaInputError(f"request {ids[a]!r} with itself")
        key = frozenset((a, b))
        if key in pairs:
            raise AgendaInputError(f"request {ids[a]!r}-{ids[b]!r} is listed twice")
        pr = r.get("priority", 1.0)
        if isinstance(pr, bool) or not isinstance(pr, int | float) or not math.isfinite(pr) or pr < 0:
            raise AgendaInputError(f"request {ids[a]!r}-{ids[b]!r} priority must be a number >= 0, got {pr!r}")
        locked = None
        if r.get("locked") is not None:
            lk = _obj(r["locked"], f"request {ids[a]!r}-{ids[b]!r} locked")
            s = _int(lk.get("slot"), f"locked meeting {ids[a]!r}-{ids[b]!r} slot", 0, slots)
            t = _int(lk.get("table"), f"locked meeting {ids[a]!r}-{ids[b]!r} table", 0, tables)
            locked = (s, t)
        pairs[key] = len(requests)
        requests.append(Request(a, b, float(pr), locked))
    _check_locked(requests, ids, avail, limits)

    previous, cancelled = _previous(data.get("previous"), index, pairs, slots, tables, ids)
    time_limit = data.get("time_limit")
    if time_limit is not None:
        if isinstance(time_limit, bool) or not isinstance(time_limit, int | float) or not time_limit > 0:
            raise AgendaInputError(f"time_limit must be a positive number of seconds, got {time_limit!r}")
        time_limit = float(time_limit)
    return Problem(slots, tables, ids, avail, cap, limits, requests, previous, cancelled, time_limit)


def _max_meetings(value: Any, index: dict[str, int]) -> list[int | None]:
    """`max_meetings`: one integer for everybody, or {participant id: integer} (others unlimited)."""
    limits: list[int | None] = [None] * len(index)
    if value is None:
        return limits
    if isinstance(value, dict):
        for pid, m in value.items():
            if pid not in index:
                raise AgendaInputError(f"max_meetings names {pid!r}, who is not a participant")
            limits[index[pid]] = _int(m, f"max_meetings of {pid!r}")
        return limits
    m = _int(value, "max_meetings")
    return [m] * len(index)


def _check_locked(requests: list[Request], ids: list[str], avail: list[int], limits: list[int | None]) -> None:
    cells: dict[tuple[int, int], Request] = {}
    seats: dict[tuple[int, int], Request] = {}
    count = [0] * len(ids)
    for r in requests:
        if r.locked is None:
            continue
        s, t = r.locked
        name = f"{ids[r.a]!r}-{ids[r.b]!r}"
        if (s, t) in cells:
            o = cells[(s, t)]
            raise AgendaInputError(f"locked meetings {ids[o.a]!r}-{ids[o.b]!r} and {name} clash at slot {s} table {t}")
        cells[(s, t)] = r
        for p in (r.a, r.b):
            if not avail[p] >> s & 1:
                raise AgendaInputError(f"locked meeting {name} is in slot {s}, when {ids[p]!r} is unavailable")
            if (p, s) in seats:
                o = seats[(p, s)]
                raise AgendaInputError(
                    f"locked meetings {ids[o.a]!r}-{ids[o.b]!r} and {name} clash: {ids[p]!r} in both at slot {s}"
                )
            seats[(p, s)] = r
            count[p] += 1
            if limits[p] is not None and count[p] > limits[p]:
                raise AgendaInputError(f"{ids[p]!r} has more locked meetings than max_meetings {limits[p]}")


def _previous(
    value: Any,
    index: dict[str, int],
    pairs: dict[frozenset[int], int],
    slots: int,
    tables: int,
    ids: list[str],
) -> tuple[list[Previous], int]:
    """Published meetings. One whose participant or request is gone was cancelled: it is dropped,
    not an error. One outside today's grid is kept as a meeting that must move."""
    if value is None:
        return [], 0
    out: list[Previous] = []
    seen: set[int] = set()
    cells: dict[tuple[int, int], int] = {}
    seats: set[tuple[int, int]] = set()
    cancelled = 0
    for n, m in enumerate(_list(value, "previous")):
        m = _obj(m, f"previous[{n}]")
        a, b = _id(m.get("a"), f"previous[{n}].a"), _id(m.get("b"), f"previous[{n}].b")
        s = _int(m.get("slot"), f"previous meeting {a!r}-{b!r} slot")
        t = _int(m.get("table"), f"previous meeting {a!r}-{b!r} table")
        if a == b:
            raise AgendaInputError(f"previous meeting of {a!r} with itself")
        key = frozenset((index.get(a, -1), index.get(b, -2)))
        if key not in pairs:
            cancelled += 1
            continue
        r = pairs[key]
        if r in seen:
            raise AgendaInputError(f"previous meeting {a!r}-{b!r} is listed twice")
        seen.add(r)
        if (s, t) in cells:
            raise AgendaInputError(f"previous meetings clash at slot {s} table {t}")
        cells[(s, t)] = r
        for p in (index[a], index[b]):
            if (p, s) in seats:
                raise AgendaInputError(f"previous meetings clash: {ids[p]!r} in two at slot {s}")
            seats.add((p, s))
        out.append(Previous(r, s, t))
    return out, cancelled
