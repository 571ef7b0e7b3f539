"""Independent checker for agenda solutions.

It reads the raw input dict (not the solver's indexed model) and the solution dict and
re-derives everything from them, so a bug in the solver's bookkeeping cannot hide itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class AgendaCheckError(Exception):
    """The solution breaks a rule of the input; the message says which one."""


@dataclass(frozen=True)
class CheckReport:
    meetings: int
    priority: float
    idle_gaps: int
    moved: int


def _fail(message: str) -> None:
    raise AgendaCheckError(message)


def check(data: dict[str, Any], solution: dict[str, Any]) -> CheckReport:
    slots, tables = data["slots"], data["tables"]
    unavailable = {str(p["id"]): set(p.get("unavailable", [])) for p in data["participants"]}
    limit_of = data.get("max_meetings")
    requests = {frozenset((str(r["a"]), str(r["b"]))): r for r in data["requests"]}

    seen: set[frozenset[str]] = set()
    seats: set[tuple[str, int]] = set()
    cells: set[tuple[int, int]] = set()
    per_person: dict[str, list[int]] = {p: [] for p in unavailable}
    total = 0.0
    for m in solution["meetings"]:
        a, b, s, t = str(m["a"]), str(m["b"]), m["slot"], m["table"]
        key = frozenset((a, b))
        if key not in requests:
            _fail(f"meeting {a}-{b} was not requested")
        if key in seen:
            _fail(f"meeting {a}-{b} is scheduled twice")
        seen.add(key)
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < slots and 0 <= t < tables):
            _fail(f"meeting {a}-{b} at slot {s} table {t} is outside the grid")
        if (s, t) in cells:
            _fail(f"table {t} holds two meetings in slot {s}")
        cells.add((s, t))
        for p in (a, b):
            if s in unavailable[p]:
                _fail(f"{p} is unavailable in slot {s}")
            if (p, s) in seats:
                _fail(f"{p} has two meetings in slot {s}")
            seats.add((p, s))
            per_person[p].append(s)
        locked = requests[key].get("locked")
        if locked and (locked["slot"], locked["table"]) != (s, t):
            _fail(f"locked meeting {a}-{b} moved")
        total += float(requests[key].get("priority", 1.0))

    for key, r in requests.items():
        if r.get("locked") and key not in seen:
            _fail(f"locked meeting {r['a']}-{r['b']} is missing")
    for p, ss in per_person.items():
        limit = limit_of.get(p) if isinstance(limit_of, dict) else limit_of
        if limit is not None and len(ss) > limit:
            _fail(f"{p} has {len(ss)} meetings, more than max_meetings {limit}")
    for s in range(slots):
        if sum(1 for c in cells if c[0] == s) > tables:
            _fail(f"slot {s} has more meetings than tables")

    listed = [frozenset((str(u["a"]), str(u["b"]))) for u in solution["unscheduled"]]
    if len(set(listed)) != len(listed) or set(listed) & seen or set(listed) | seen != set(requests):
        _fail("meetings and unscheduled do not list every request exactly once")
    if any(not u.get("reason") for u in solution["unscheduled"]):
        _fail("an unscheduled request has no reason")

    idle_gaps = 0
    for p, ss in per_person.items():
        if ss:
            idle_gaps += sum(1 for s in range(min(ss), max(ss)) if s not in ss and s not in unavailable[p])
    if abs(total - solution["objective"]) > 1e-6 * max(1.0, total):
        _fail(f"objective {solution['objective']} differs from the meetings' total priority {total}")
    if solution["bound"] < solution["objective"] - 1e-6:
        _fail("the bound is below the objective")
    if "idle_gaps" in solution and solution["idle_gaps"] != idle_gaps:
        _fail(f"idle_gaps {solution['idle_gaps']} differs from the meetings' {idle_gaps}")

    moved = 0
    where = {frozenset((str(m["a"]), str(m["b"]))): (m["slot"], m["table"]) for m in solution["meetings"]}
    for m in data.get("previous") or []:
        now = where.get(frozenset((str(m["a"]), str(m["b"]))))
        if now is not None and now != (m["slot"], m["table"]):
            moved += 1
    if "moved" in solution and solution["moved"] != moved:
        _fail(f"moved {solution['moved']} differs from the meetings' {moved}")
    return CheckReport(len(seen), total, idle_gaps, moved)
