"""The agenda solver on hand-made cases, against brute force on tiny ones, and its CLI."""

import itertools
import json
import random
import subprocess
import sys

import pytest

from matchmaker.events.agenda import AgendaInputError, solve
from matchmaker.events.agenda_check import check


def people(*ids, unavailable=None):
    unavailable = unavailable or {}
    return [{"id": p, "unavailable": unavailable.get(p, [])} for p in ids]


def req(a, b, priority=1.0, locked=None):
    r = {"a": a, "b": b, "priority": priority}
    if locked:
        r["locked"] = {"slot": locked[0], "table": locked[1]}
    return r


def where(solution):
    return {(m["a"], m["b"]): (m["slot"], m["table"]) for m in solution["meetings"]}


def codes(solution):
    return {(u["a"], u["b"]): u["code"] for u in solution["unscheduled"]}


def test_everything_fits_and_the_bound_is_reached():
    data = {
        "slots": 3,
        "tables": 2,
        "participants": people("f1", "f2", "t1", "t2"),
        "requests": [req("f1", "t1", 1), req("f1", "t2", 2), req("f2", "t1", 3), req("f2", "t2", 4)],
    }
    sol = solve(data)
    assert len(sol["meetings"]) == 4 and sol["unscheduled"] == []
    assert sol["objective"] == sol["bound"] == 10
    assert sol["idle_gaps"] == 0
    check(data, sol)


def test_tables_cap_a_slot_and_the_heavier_meeting_wins():
    data = {
        "slots": 1,
        "tables": 1,
        "participants": people("f1", "f2", "t1", "t2"),
        "requests": [req("f1", "t1", 1.0), req("f2", "t2", 2.0)],
    }
    sol = solve(data)
    assert list(where(sol)) == [("f2", "t2")]
    assert codes(sol) == {("f1", "t1"): "capacity"}
    assert "桌" in sol["unscheduled"][0]["reason"]
    assert sol["bound"] == 2.0  # slots x tables is part of the relaxation


def test_unavailable_slots_are_respected_and_explained():
    data = {
        "slots": 2,
        "tables": 5,
        "participants": people("f1", "f2", "t1", "t2", unavailable={"f1": [0], "f2": [0], "t2": [1]}),
        "requests": [req("f1", "t1"), req("f2", "t2")],
    }
    sol = solve(data)
    assert where(sol) == {("f1", "t1"): (1, 0)}
    assert codes(sol) == {("f2", "t2"): "no_common_slot"}
    assert "没有共同" in sol["unscheduled"][0]["reason"]


def test_max_meetings_as_a_number_and_per_participant():
    data = {
        "slots": 4,
        "tables": 4,
        "participants": people("f1", "t1", "t2", "t3"),
        "requests": [req("f1", "t1", 3), req("f1", "t2", 2), req("f1", "t3", 1)],
        "max_meetings": 2,
    }
    sol = solve(data)
    assert set(where(sol)) == {("f1", "t1"), ("f1", "t2")}
    assert codes(sol) == {("f1", "t3"): "max_meetings"}
    assert "上限（2 场）" in sol["unscheduled"][0]["reason"]
    sol = solve(dict(data, max_meetings={"f1": 1}))
    assert set(where(sol)) == {("f1", "t1")}
    assert sol["bound"] == 3


def test_a_full_day_is_reported_as_full():
    data = {
        "slots": 2,
        "tables": 3,
        "participants": people("t1", "f1", "f2", "f3"),
        "requests": [req("f1", "t1", 1), req("f2", "t1", 3), req("f3", "t1", 2)],
    }
    sol = solve(data)
    assert set(where(sol)) == {("f2", "t1"), ("f3", "t1")}
    assert codes(sol) == {("f1", "t1"): "participant_full"}


def test_locked_meetings_stay_even_against_heavier_requests():
    data = {
        "slots": 2,
        "tables": 1,
        "participants": people("f1", "f2", "t1"),
        "requests": [req("f1", "t1", 0.1, locked=(1, 0)), req("f2", "t1", 5.0)],
    }
    sol = solve(data)
    assert where(sol) == {("f1", "t1"): (1, 0), ("f2", "t1"): (0, 0)}
    data["slots"] = 1
    data["requests"][0]["locked"] = {"slot": 0, "table": 0}
    sol = solve(data)
    assert where(sol) == {("f1", "t1"): (0, 0)}
    assert codes(sol) == {("f2", "t1"): "participant_full"}


def test_gaps_are_closed_on_a_tiny_case_with_a_known_optimum():
    # f1 meets t1..t3 in 4 slots; t1 is only free in slot 0 and t3 only in slots 2 and 3.
    # All three in slots 0, 1, 2 is the only gap-free agenda for f1.
    data = {
        "slots": 4,
        "tables": 1,
        "participants": people("f1", "t1", "t2", "t3", unavailable={"t1": [1, 2, 3], "t3": [0, 1]}),
        "requests": [req("f1", "t3", 3), req("f1", "t2", 2), req("f1", "t1", 1)],
    }
    sol = solve(data)
    assert where(sol) == {("f1", "t1"): (0, 0), ("f1", "t2"): (1, 0), ("f1", "t3"): (2, 0)}
    assert sol["idle_gaps"] == 0


def brute_force(data):
    """Best (total priority, -idle gaps) over every assignment of a tiny instance."""
    slots, tables = data["slots"], data["tables"]
    un = {p["id"]: set(p["unavailable"]) for p in data["participants"]}
    reqs = data["requests"]
    options = [[None] + [s for s in range(slots) if s not in un[r["a"]] | un[r["b"]]] for r in reqs]
    best = None
    for choice in itertools.product(*options):
        seats, per_slot, days = set(), [0] * slots, {}
        ok = True
        for r, s in zip(reqs, choice, strict=True):
            if s is None:
                continue
            per_slot[s] += 1
            for p in (r["a"], r["b"]):
                ok &= (p, s) not in seats
                seats.add((p, s))
                days.setdefault(p, set()).add(s)
        if not ok or max(per_slot) > tables:
            continue
        total = round(sum(r["priority"] for r, s in zip(reqs, choice, strict=True) if s is not None), 6)
        gaps = sum(1 for p, ss in days.items() for s in range(min(ss), max(ss)) if s not in ss and s not in un[p])
        if best is None or (total, -gaps) > best:
            best = (total, -gaps)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_tiny_random_cases_match_brute_force(seed):
    rng = random.Random(seed)
    firms, teams = ["f1", "f2", "f3"], ["t1", "t2"]
    slots = rng.choice([3, 4])
    unavailable = {p: rng.sample(range(slots), rng.choice([0, 0, 1])) for p in firms + teams}
    pairs = rng.sample([(f, t) for f in firms for t in teams], 5)
    data = {
        "slots": slots,
        "tables": rng.choice([1, 2]),
        "participants": people(*firms, *teams, unavailable=unavailable),
        "requests": [req(f, t, rng.choice([1, 2, 3])) for f, t in pairs],
    }
    sol = solve(data)
    check(data, sol)
    assert (sol["objective"], -sol["idle_gaps"]) == brute_force(data)


def greedy(data):
    """Priority first, earliest slot free for both with a table left: the plain baseline."""
    un = {p["id"]: set(p["unavailable"]) for p in data["participants"]}
    busy, per_slot, days, total = set(), [0] * data["slots"], {}, 0.0
    for r in sorted(data["requests"], key=lambda r: -r["priority"]):
        for s in range(data["slots"]):
            a, b = r["a"], r["b"]
            if s in un[a] | un[b] or {(a, s), (b, s)} & busy or per_slot[s] >= data["tables"]:
                continue
            busy |= {(a, s), (b, s)}
            per_slot[s] += 1
            days.setdefault(a, set()).add(s)
            days.setdefault(b, set()).add(s)
            total += r["priority"]
            break
    gaps = sum(1 for p, ss in days.items() for s in range(min(ss), max(ss)) if s not in ss and s not in un[p])
    return total, gaps


def test_a_mid_size_event_beats_the_greedy_on_both_counts():
    rng = random.Random(7)
    firms, teams = [f"f{i}" for i in range(40)], [f"t{i}" for i in range(40)]
    pairs = set()
    while len(pairs) < 300:
        pairs.add((rng.choice(firms), teams[min(int(rng.expovariate(1 / 10)), 39)]))  # popular teams
    data = {
        "slots": 8,
        "tables": 14,
        "participants": people(*firms, *teams, unavailable={p: rng.sample(range(8), 1) for p in firms[::5]}),
        "requests": [req(f, t, round(rng.uniform(0.2, 2.0), 3)) for f, t in sorted(pairs)],
        "time_limit": 2,
    }
    sol = solve(data)  # more than 50 meetings: two annealing chains in forked processes
    check(data, sol)
    g_total, g_gaps = greedy(data)
    assert sol["objective"] >= 0.995 * sol["bound"]
    assert sol["objective"] > g_total
    assert sol["idle_gaps"] <= g_gaps / 3


def test_requests_that_are_not_two_sided_are_solved_too():
    # a triangle of requests cannot be split into two sides: the selection falls back to CP-SAT
    data = {
        "slots": 3,
        "tables": 3,
        "participants": people("a", "b", "c"),
        "requests": [req("a", "b", 1), req("b", "c", 2), req("a", "c", 3)],
    }
    sol = solve(data)
    assert len(sol["meetings"]) == 3 and sol["objective"] == sol["bound"] == 6


def published(sol):
    return [{k: m[k] for k in ("a", "b", "slot", "table")} for m in sol["meetings"]]


def test_resolve_after_a_cancellation_keeps_every_other_meeting_in_place():
    participants = people("f1", "f2", "f3", "t1", "t2", "t3")
    data = {
        "slots": 3,
        "tables": 3,
        "participants": participants,
        "requests": [req(f, t, 1 + i) for i, (f, t) in enumerate(itertools.product(["f1", "f2", "f3"], ["t1", "t2"]))],
    }
    first = solve(data)
    assert len(first["meetings"]) == 6
    # on the day f3 cancels and t3's walk-in request with f1 arrives
    data2 = dict(data, participants=[p for p in participants if p["id"] != "f3"])
    data2["requests"] = [r for r in data["requests"] if "f3" not in (r["a"], r["b"])] + [req("f1", "t3", 9)]
    data2["previous"] = published(first)
    second = solve(data2)
    kept = {k: v for k, v in where(first).items() if "f3" not in k}
    assert {k: where(second)[k] for k in kept} == kept
    assert second["moved"] == 0 and second["dropped"] == 2  # f3's two meetings
    check(data2, second)


def test_resolve_moves_the_fewest_published_meetings():
    # f1 becomes unavailable in the slot of its meeting with t1: that meeting must move, and
    # the only free slot for both is found without touching the others.
    data = {
        "slots": 3,
        "tables": 2,
        "participants": people("f1", "f2", "t1", "t2"),
        "requests": [req("f1", "t1", 1), req("f2", "t2", 1), req("f2", "t1", 1)],
        "previous": [
            {"a": "f1", "b": "t1", "slot": 0, "table": 0},
            {"a": "f2", "b": "t2", "slot": 0, "table": 1},
            {"a": "f2", "b": "t1", "slot": 1, "table": 0},
        ],
    }
    data["participants"][0]["unavailable"] = [0]
    sol = solve(data)
    assert sol["moved"] == 1
    assert where(sol)[("f1", "t1")][0] == 2
    assert where(sol)[("f2", "t2")] == (0, 1) and where(sol)[("f2", "t1")] == (1, 0)
    # now t1 is also unavailable in slot 2: f1-t1 fits only in slot 1, so f2-t1 must leave it
    # for slot 0, which f2-t2 must leave in turn: three moves, better than dropping one
    data["participants"][2]["unavailable"] = [2]
    sol = solve(data)
    assert sol["moved"] == 3 and sol["dropped"] == 0
    assert where(sol)[("f1", "t1")][0] == 1 and where(sol)[("f2", "t1")][0] == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["requests"].append(req("f1", "x9")), "'x9' is not a participant"),
        (lambda d: d["requests"].append(req("f1", "f1")), "with itself"),
        (lambda d: d["requests"].append(req("t1", "f1")), "listed twice"),
        (lambda d: d["participants"].append({"id": "f1"}), "listed twice"),
        (lambda d: d["participants"][0].update(unavailable=[3]), "out of range"),
        (lambda d: d["requests"][0].update(locked={"slot": 5, "table": 0}), "slot 5 is out of range"),
        (lambda d: d["requests"][0].update(locked={"slot": 0, "table": 2}), "table 2 is out of range"),
        (lambda d: d["requests"][0].update(priority=-1), "priority"),
        (lambda d: d.update(slots=0), "slots 0 is out of range"),
        (lambda d: d.update(tables="2"), "tables must be an integer"),
        (lambda d: d.update(max_meetings={"nobody": 1}), "not a participant"),
        (lambda d: d.update(time_limit=0), "time_limit"),
        (
            lambda d: (
                d["requests"][0].update(locked={"slot": 0, "table": 0}),
                d["requests"][1].update(locked={"slot": 0, "table": 0}),
            ),
            "clash at slot 0 table 0",
        ),
        (
            lambda d: (
                d["requests"][0].update(locked={"slot": 0, "table": 0}),
                d["requests"][2].update(locked={"slot": 0, "table": 1}),
            ),
            "'f1' in both at slot 0",
        ),
        (
            lambda d: (
                d["participants"][0].update(unavailable=[1]),
                d["requests"][0].update(locked={"slot": 1, "table": 0}),
            ),
            "'f1' is unavailable",
        ),
        (
            lambda d: (d.update(max_meetings=0), d["requests"][0].update(locked={"slot": 1, "table": 0})),
            "more locked meetings than max_meetings",
        ),
    ],
)
def test_bad_input_raises_one_clear_line(change, message):
    data = {
        "slots": 3,
        "tables": 2,
        "participants": people("f1", "f2", "t1", "t2"),
        "requests": [req("f1", "t1"), req("f2", "t2"), req("f1", "t2")],
    }
    change(data)
    with pytest.raises(AgendaInputError, match=message) as info:
        solve(data)
    assert isinstance(info.value, ValueError) and "\n" not in str(info.value)


def run_cli(tmp_path, text):
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "matchmaker.events.agenda", str(path)], capture_output=True, text=True, timeout=120
    )


def test_cli_prints_the_solution(tmp_path):
    data = {"slots": 2, "tables": 1, "participants": people("f1", "t1"), "requests": [req("f1", "t1", 2)]}
    out = run_cli(tmp_path, json.dumps(data))
    assert out.returncode == 0, out.stderr
    sol = json.loads(out.stdout)
    assert sol["meetings"] == [{"a": "f1", "b": "t1", "slot": 0, "table": 0, "priority": 2}]
    assert set(sol) >= {"meetings", "unscheduled", "objective", "bound", "seconds"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "malformed JSON at line 1 column 2"),
        ('{"slots": 2, "tables": 1, "participants": [], "requests": [{"a": "x", "b": "y"}]}', "not a participant"),
        ("[]", "input must be an object"),
    ],
)
def test_cli_bad_input_exits_with_one_line(tmp_path, text, message):
    out = run_cli(tmp_path, text)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_cli_missing_file(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "matchmaker.events.agenda", str(tmp_path / "nope.json")], capture_output=True, text=True
    )
    assert out.returncode == 2 and "cannot read" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_the_command_loads_none_of_the_web_app():
    """Process start counts in the bench's wall time (Flask alone took 0.3 s to import, more under load)."""
    code = "import sys, matchmaker.events.agenda; print([m for m in ('flask', 'sqlalchemy') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stderr or out.stdout
