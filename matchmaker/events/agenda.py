"""The one-to-one meeting agenda solver: plain data in and out, no app, no database.

    python -m matchmaker.events.agenda INPUT.json      # prints the solution as JSON

Input: {"slots": N, "tables": T, "participants": [{"id", "unavailable": [slot, ...]}],
"requests": [{"a", "b", "priority", "locked": {"slot", "table"}}], optional "max_meetings"
(an integer for everybody, or {participant id: integer}), "time_limit" (seconds; default
8 for up to 1,500 requests, proportionally more above, at most 40) and "previous"
(published meetings [{"a", "b", "slot", "table"}] to keep on a re-solve). Slots and tables
count from 0. Output adds to the contract's keys "idle_gaps", "moved" (published meetings
now elsewhere), "dropped" (published meetings no longer held), a "priority" per meeting and
a machine "code" beside each Chinese "reason".

How (measured on the bench: see README "会议日程求解"): choose the meetings as a max-weight
b-matching (agenda_select, whose optimum is also the reported upper bound), give them slots
with alternating chains and put in whatever else fits, heaviest first (agenda_grid), then
anneal slot swaps to shorten idle gaps (agenda_search, two chains at once: agenda_parallel).
Total priority comes first, idle
gaps second. An independent checker (agenda_check) verifies the solution before it is
returned.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from .agenda_check import AgendaCheckError, check
from .agenda_grid import Grid, idle
from .agenda_model import AgendaInputError, Problem, parse_problem
from .agenda_parallel import anneal
from .agenda_search import fill
from .agenda_select import b_matching

DEFAULT_TIME_LIMIT = 8.0
MAX_DEFAULT_TIME_LIMIT = 40.0
# Seconds of process start the default limit assumes (the bench times the whole process): about
# 0.3 s on a quiet machine; a slower start (2 s under load 10) comes off the limit.
STARTUP_ALLOWANCE = 0.5

__all__ = ["AgendaCheckError", "AgendaInputError", "main", "solve"]


def solve(
    data: dict[str, Any], time_limit: float | None = None, workers: int = 2, spent: float = 0.0
) -> dict[str, Any]:
    """Solve the contract's input (a dict as parsed from JSON). Raises AgendaInputError on bad
    input and AgendaCheckError if the solution fails the independent check (a solver bug).
    `workers` annealing chains run at once (forked processes; one when forking is not allowed).
    `spent`: seconds already gone before the call (process start), taken off the default limit."""
    started = time.monotonic()
    problem = parse_problem(data)
    # the standard event (1,500 requests) gets DEFAULT_TIME_LIMIT, bigger ones proportionally more
    default = min(MAX_DEFAULT_TIME_LIMIT, DEFAULT_TIME_LIMIT * max(1.0, len(problem.requests) / 1500))
    default = max(default / 3, default - max(0.0, spent - STARTUP_ALLOWANCE))
    limit = time_limit or problem.time_limit or default
    deadline = started + limit
    grid = Grid(problem)
    for e, r in enumerate(problem.requests):
        if r.locked is not None:
            grid.place(e, r.locked[0])
            grid.table[e] = r.locked[1]
            grid.fixed[e] = True
    _keep_previous(grid, problem)
    for e in range(len(grid.slot)):
        if grid.slot[e] >= 0:
            grid.fixed[e] = True  # locked and published meetings stay put from here on

    # 1. which meetings: the b-matching on what is left, its optimum bounds the total
    rest = [e for e in range(len(grid.slot)) if grid.slot[e] < 0 and grid.common[e]]
    residual = [c - d for c, d in zip(grid.cap, grid.deg, strict=True)]
    room = problem.slots * problem.tables - sum(grid.count)
    chosen, bound_rest = b_matching(
        len(problem.ids),
        [(grid.ea[e], grid.eb[e]) for e in rest],
        [grid.w[e] for e in rest],
        residual,
        room,
        time_limit=limit / 3,
    )
    bound = grid.total_priority() + bound_rest

    # 2. when: hardest first (fewest common slots, busiest people), then fill up
    chosen_edges = [rest[i] for i in chosen]
    load = [0] * len(problem.ids)
    for e in chosen_edges:
        load[grid.ea[e]] += 1
        load[grid.eb[e]] += 1
    chosen_edges.sort(key=lambda e: (grid.common[e].bit_count(), -load[grid.ea[e]] - load[grid.eb[e]], e))
    for e in chosen_edges:
        grid.insert(e)
    remaining = deadline - time.monotonic()
    fill(grid, rest, time.monotonic() + remaining * 0.4)

    # 3. idle gaps, then anything that fits in the reshuffled grid without losing priority
    anneal(grid, deadline - 0.05 * limit, workers)
    fill(grid, rest, 0.0, allow_loss=False)

    solution = _solution(grid, problem, bound, started)
    check(data, solution)
    solution["seconds"] = round(time.monotonic() - started, 3)
    return solution


def _keep_previous(grid: Grid, problem: Problem) -> None:
    """Published meetings stay where they were when they still fit; the rest move with the
    fewest moves: a free common slot first (one move), else the shortest alternating chain,
    which moves the fewest other published meetings. Locked meetings never move."""
    displaced = []
    for pv in problem.previous:
        e = pv.request
        if grid.fixed[e]:
            continue  # locked: the organiser put it somewhere explicitly
        u, v, bit = grid.ea[e], grid.eb[e], 1 << pv.slot
        fits = (
            pv.slot < grid.S
            and pv.table < grid.T
            and grid.common[e] & bit
            and not (grid.busy[u] | grid.busy[v]) & bit
            and grid.deg[u] < grid.cap[u]
            and grid.deg[v] < grid.cap[v]
            and all(grid.table[f] != pv.table for f in grid.members[pv.slot])
        )
        if fits:
            grid.place(e, pv.slot)
            grid.table[e] = pv.table
        else:
            displaced.append(e)
    for e in sorted(displaced, key=lambda e: -grid.w[e]):
        if grid.common[e] and not grid.insert(e):
            grid.eject_insert(e, allow_loss=False)
    for pv in problem.previous:
        if grid.slot[pv.request] != pv.slot:
            grid.table[pv.request] = -1


def _tables(grid: Grid) -> None:
    for s in range(grid.S):
        taken = {grid.table[e] for e in grid.members[s] if grid.table[e] >= 0}
        free = (t for t in range(grid.T) if t not in taken)
        for e in sorted(grid.members[s]):
            if grid.table[e] < 0:
                grid.table[e] = next(free)


def _reason(grid: Grid, problem: Problem, e: int) -> tuple[str, str]:
    u, v = grid.ea[e], grid.eb[e]
    name = problem.ids
    if not grid.common[e]:
        return "no_common_slot", f"{name[u]} 与 {name[v]} 没有共同可参会的时段"
    for p in (u, v):
        if grid.deg[p] >= grid.cap[p]:
            limit = problem.max_meetings[p]
            if limit is not None and limit < grid.avail[p].bit_count():
                return "max_meetings", f"{name[p]} 已达到每人洽谈上限（{limit} 场）"
            return "participant_full", f"{name[p]} 的可参会时段已全部排满"
    both_free = grid.common[e] & ~grid.busy[u] & ~grid.busy[v]
    if both_free:
        return "capacity", "双方都空闲的时段洽谈桌已全部占用"
    return "not_free_together", f"{name[u]} 与 {name[v]} 的空闲时段不重合（共同时段已被更优先的洽谈占用）"


def _solution(grid: Grid, problem: Problem, bound: float, started: float) -> dict[str, Any]:
    _tables(grid)
    ids = problem.ids
    meetings, unscheduled = [], []
    for e, r in enumerate(problem.requests):
        if grid.slot[e] >= 0:
            meetings.append(
                {"a": ids[r.a], "b": ids[r.b], "slot": grid.slot[e], "table": grid.table[e], "priority": r.priority}
            )
        else:
            code, reason = _reason(grid, problem, e)
            unscheduled.append({"a": ids[r.a], "b": ids[r.b], "reason": reason, "code": code, "priority": r.priority})
    meetings.sort(key=lambda m: (m["slot"], m["table"]))
    unscheduled.sort(key=lambda m: -m["priority"])
    moved = dropped = 0
    for pv in problem.previous:
        if grid.slot[pv.request] < 0:
            dropped += 1
        elif (grid.slot[pv.request], grid.table[pv.request]) != (pv.slot, pv.table):
            moved += 1
    objective = grid.total_priority()
    return {
        "meetings": meetings,
        "unscheduled": unscheduled,
        "objective": round(objective, 6),
        "bound": round(max(bound, objective), 6),
        "idle_gaps": sum(idle(b, a) for b, a in zip(grid.busy, grid.avail, strict=True)),
        "moved": moved,
        "dropped": dropped + problem.cancelled_previous,
        "seconds": round(time.monotonic() - started, 3),
    }


def _since_process_start() -> float:
    """Seconds since this process started (Linux /proc; 0 where unknown)."""
    try:
        with open("/proc/self/stat") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matchmaker.events.agenda", description=__doc__.split("\n")[0])
    parser.add_argument("input", help="the input JSON file, or - for standard input")
    args = parser.parse_args(argv)
    try:
        if args.input == "-":
            text = sys.stdin.read()
        else:
            with open(args.input, encoding="utf-8") as fh:
                text = fh.read()
    except OSError as exc:
        print(f"agenda: error: cannot read {args.input}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        print(f"agenda: error: malformed JSON{where}", file=sys.stderr)
        return 2
    try:
        solution = solve(data, spent=_since_process_start())
    except AgendaInputError as exc:
        print(f"agenda: error: {exc}", file=sys.stderr)
        return 2
    except AgendaCheckError as exc:
        print(f"agenda: internal error: the solution failed the check: {exc}", file=sys.stderr)
        return 1
    json.dump(solution, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # The OS frees the memory at once; the interpreter's teardown of the grid's objects took
    # 0.5 s of wall time on a loaded machine, and the bench times the whole process.
    os._exit(code)
