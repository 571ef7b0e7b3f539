"""The independent agenda checker on hand-made solutions: one valid, then one broken rule each."""

import copy

import pytest

from matchmaker.events.agenda_check import AgendaCheckError, check

DATA = {
    "slots": 3,
    "tables": 1,
    "participants": [
        {"id": "f1", "unavailable": [2]},
        {"id": "f2", "unavailable": []},
        {"id": "t1", "unavailable": []},
        {"id": "t2", "unavailable": []},
    ],
    "requests": [
        {"a": "f1", "b": "t1", "priority": 2.0, "locked": {"slot": 0, "table": 0}},
        {"a": "f1", "b": "t2", "priority": 1.0},
        {"a": "f2", "b": "t1", "priority": 0.5},
        {"a": "f2", "b": "t2", "priority": 0.25},
    ],
}

VALID = {
    "meetings": [
        {"a": "f1", "b": "t1", "slot": 0, "table": 0},
        {"a": "f1", "b": "t2", "slot": 1, "table": 0},
        {"a": "f2", "b": "t1", "slot": 2, "table": 0},
    ],
    "unscheduled": [{"a": "f2", "b": "t2", "reason": "桌位已满", "code": "capacity"}],
    "objective": 3.5,
    "bound": 3.75,
    "idle_gaps": 1,  # t1 meets in slots 0 and 2
    "moved": 0,
}


def broken(change):
    sol = copy.deepcopy(VALID)
    change(sol)
    return sol


def test_valid_solution_passes_and_is_measured():
    report = check(DATA, VALID)
    assert (report.meetings, report.priority, report.idle_gaps, report.moved) == (3, 3.5, 1, 0)


def _set(sol, i, **kw):
    sol["meetings"][i].update(kw)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s["meetings"].append({"a": "f2", "b": "f1", "slot": 1, "table": 0}), "not requested"),
        (lambda s: s["meetings"].append({"a": "t1", "b": "f2", "slot": 1, "table": 0}), "twice"),
        (lambda s: _set(s, 2, slot=3), "outside the grid"),
        (lambda s: _set(s, 2, table=1), "outside the grid"),
        (lambda s: _set(s, 2, slot=1), "two meetings in slot 1"),  # one table: also two at the table
        (lambda s: _set(s, 1, slot=2), "f1 is unavailable in slot 2"),
        (lambda s: _set(s, 0, slot=1) or _set(s, 1, slot=0), "locked meeting f1-t1 moved"),
        (lambda s: s["meetings"].pop(0) and s.update(objective=1.5), "locked meeting f1-t1 is missing"),
        (lambda s: s["unscheduled"].pop(), "exactly once"),
        (lambda s: s["unscheduled"].append({"a": "f1", "b": "t2", "reason": "x"}), "exactly once"),
        (lambda s: s["unscheduled"][0].update(reason=""), "no reason"),
        (lambda s: s.update(objective=4.0), "objective"),
        (lambda s: s.update(bound=3.0), "bound is below"),
        (lambda s: s.update(idle_gaps=0), "idle_gaps"),
    ],
)
def test_each_broken_rule_is_caught(change, message):
    with pytest.raises(AgendaCheckError, match=message):
        check(DATA, broken(change))


def test_clash_of_two_participants_in_one_slot():
    data = copy.deepcopy(DATA)
    data["tables"] = 2
    sol = broken(lambda s: s["meetings"].__setitem__(2, {"a": "f2", "b": "t1", "slot": 0, "table": 1}))
    with pytest.raises(AgendaCheckError, match="t1 has two meetings in slot 0"):
        check(data, sol)


def test_same_table_twice_in_a_slot():
    data = copy.deepcopy(DATA)
    data["tables"] = 2
    sol = broken(lambda s: _set(s, 2, slot=1))
    sol["meetings"][2]["a"], sol["meetings"][2]["b"] = "f2", "t1"
    with pytest.raises(AgendaCheckError, match="table 0 holds two meetings in slot 1"):
        check(data, sol)


def test_max_meetings_per_participant():
    data = dict(DATA, max_meetings={"t1": 1})
    with pytest.raises(AgendaCheckError, match="t1 has 2 meetings, more than max_meetings 1"):
        check(data, VALID)
    assert check(dict(DATA, max_meetings=2), VALID).meetings == 3


def test_moves_against_published_meetings_are_counted():
    data = dict(DATA, previous=[{"a": "f2", "b": "t1", "slot": 1, "table": 0}])
    with pytest.raises(AgendaCheckError, match="moved 0 differs"):
        check(data, VALID)
    assert check(data, dict(VALID, moved=1)).moved == 1
