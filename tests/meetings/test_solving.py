"""Solving the agenda from the database: the background task, locked and published meetings
kept, re-solving after a cancellation with the fewest moves, publishing, organiser's meetings."""

from __future__ import annotations

import pytest

from matchmaker.background.outbox import dispatch_committed
from matchmaker.events.agenda_check import check
from matchmaker.extensions import db
from matchmaker.meetings import scheduling, solving
from matchmaker.meetings.errors import MeetingError
from matchmaker.models import (
    AgendaRun,
    Meeting,
    MeetingSource,
    MeetingStatus,
    Notification,
    RequestStatus,
    TaskRun,
    TaskStatus,
)
from tests.meetings.conftest import accepted, notes


def _meetings(event) -> list[Meeting]:
    return list(db.session.query(Meeting).filter_by(event_id=event.id, status=MeetingStatus.SCHEDULED))


def _solve(client, event, keep_published=True) -> AgendaRun:
    data = {"keep_published": "y"} if keep_published else {}
    assert client.post(f"/events/{event.id}/meetings/solve", data=data).status_code == 302
    return db.session.query(AgendaRun).filter_by(event_id=event.id).order_by(AgendaRun.id.desc()).first()


def test_the_solver_input_comes_from_the_database(setup):
    s = setup(firms=2, teams=2, slot_count=5, break_slots=[2], tables=["A1"], max_meetings=3, online_meetings=True)
    s.firms[0].unavailable_slots = [0]
    r = accepted(s.event, s.firms[0], s.teams[0], mutual=True, match_score=0.5)
    accepted(s.event, s.teams[1], s.firms[1])
    data = solving.build(s.event).data
    assert data["slots"] == 5 and data["max_meetings"] == 3
    assert data["tables"] == 1 + 2  # one table, and online rooms (a hybrid event allowing them)
    by_id = {p["id"]: p["unavailable"] for p in data["participants"]}
    assert by_id[solving.pid(s.firms[0].id)] == [0, 2] and by_id[solving.pid(s.teams[0].id)] == [2]
    first = next(q for q in data["requests"] if q["a"] == solving.pid(s.firms[0].id))
    assert first["priority"] == pytest.approx(r.priority) == pytest.approx(2.5)  # 1 + mutual 1 + score 0.5


def test_online_rooms_only_when_the_event_allows_them(setup):
    from matchmaker.models import EventFormat

    s = setup(firms=2, teams=2, tables=["A1"], online_meetings=False)
    assert solving.build(s.event).data["tables"] == 1
    s.event.online_meetings, s.event.format = True, EventFormat.OFFLINE
    assert solving.build(s.event).data["tables"] == 1


def test_solving_stores_a_checked_unpublished_draft_with_progress(setup, organiser, client, login_as):
    s = setup(firms=2, teams=2, slot_count=3, tables=["A1"])
    s.event.online_meetings = False
    for f in s.firms:
        for t in s.teams:
            accepted(s.event, f, t)
    s.firms[0].unavailable_slots = [0]
    login_as(organiser)
    run = _solve(client, s.event)
    assert run.summary["checked"] and run.summary["meetings"] == 3  # one table, three slots
    assert run.summary["bound"] >= run.summary["objective"]
    assert run.task_run.status == TaskStatus.SUCCEEDED and "已安排 3 场洽谈" in run.task_run.message
    meetings = _meetings(s.event)
    assert len(meetings) == 3 and not any(m.is_published for m in meetings)
    assert all(m.table == "A1" for m in meetings)
    assert not any(m.slot == 0 and s.firms[0].id == m.firm_participant_id for m in meetings)
    # the one left over says why
    unplaced = [r for r in db.session.query(solving.MeetingRequest) if r.unscheduled_reason]
    assert len(unplaced) == 1 and "[" not in unplaced[0].unscheduled_reason  # names, not solver ids
    page = client.get(f"/events/{s.event.id}/meetings/organise").get_data(as_text=True)
    assert "已通过独立校验" in page and unplaced[0].unscheduled_reason in page and "未发布" in page
    # nobody saw anything yet
    assert not any("日程已发布" in t for t in notes(s.user(s.firms[1])))


def test_locked_meetings_stay_put_across_re_runs(setup, organiser, client, login_as):
    s = setup(firms=3, teams=3, slot_count=4, tables=["A1", "A2"])
    for f, t in zip(s.firms, s.teams, strict=True):
        accepted(s.event, f, t)
    accepted(s.event, s.firms[0], s.teams[1])
    login_as(organiser)
    _solve(client, s.event)
    first, second = _meetings(s.event)[:2]
    places = {first.id: (first.slot, first.table), second.id: (second.slot, second.table)}
    for m in (first, second):
        client.post(f"/events/{s.event.id}/meetings/{m.id}/lock")
    assert first.locked and second.locked
    s.firms[2].unavailable_slots = [0, 1]  # something changed: re-run
    _solve(client, s.event)
    assert {(m.slot, m.table) for m in (first, second)} == set(places.values())
    assert all(db.session.get(Meeting, i) is not None for i in places)


def test_publishing_tells_every_participant_and_fixes_what_they_see(setup, organiser, client, login_as):
    s = setup(firms=2, teams=2)
    accepted(s.event, s.firms[0], s.teams[0])
    login_as(organiser)
    _solve(client, s.event)
    client.post(f"/events/{s.event.id}/meetings/publish")
    (meeting,) = _meetings(s.event)
    assert (meeting.published_slot, meeting.published_table) == (meeting.slot, meeting.table)
    for p in [*s.firms, *s.teams]:  # everybody confirmed, with or without meetings
        assert any("洽谈日程已发布" in t for t in notes(s.user(p))), p


def test_after_a_cancellation_the_re_solve_moves_the_fewest_published_meetings(setup, organiser, client, login_as):
    s = setup(firms=3, teams=3, slot_count=3, tables=["A1", "A2"])
    s.event.online_meetings = False
    for f in s.firms:
        for t in s.teams:
            accepted(s.event, f, t)
    login_as(organiser)
    _solve(client, s.event)
    client.post(f"/events/{s.event.id}/meetings/publish")
    published = {m.id: (m.slot, m.table) for m in _meetings(s.event)}
    victim = _meetings(s.event)[0]
    client.post(f"/events/{s.event.id}/meetings/{victim.id}/cancel", data={"reason": "企业临时有事"})
    assert victim.status == MeetingStatus.CANCELLED and victim.request.status == RequestStatus.CANCELLED
    for side in (victim.firm, victim.team):  # both sides of a published meeting are told at once
        assert any("洽谈已取消" in t for t in notes(s.user(side)))
    run = _solve(client, s.event)
    assert run.summary["moved"] == 0  # a freed cell never forces anyone else to move
    for m in _meetings(s.event):
        if m.id in published:
            assert (m.slot, m.table) == published[m.id]
    page = client.get(f"/events/{s.event.id}/meetings/organise").get_data(as_text=True)
    assert "已发布洽谈移动 0 场" in page


def test_a_published_meeting_that_no_longer_fits_moves_and_counts(setup, organiser, client, login_as):
    s = setup(firms=1, teams=1, slot_count=3, tables=["A1"])
    accepted(s.event, s.firms[0], s.teams[0])
    login_as(organiser)
    _solve(client, s.event)
    client.post(f"/events/{s.event.id}/meetings/publish")
    (meeting,) = _meetings(s.event)
    s.teams[0].unavailable_slots = [meeting.slot]
    run = _solve(client, s.event)
    assert run.summary["moved"] == 1 and meeting.slot != meeting.published_slot
    client.post(f"/events/{s.event.id}/meetings/publish")
    assert meeting.moved_count == 1 and meeting.published_slot == meeting.slot
    told = db.session.query(Notification).filter_by(user_id=s.user(s.teams[0]).id, kind="meeting.published")
    assert any("改到" in n.body for n in told)


def test_the_organiser_adds_forces_and_is_refused_a_clash(setup, organiser, client, login_as):
    s = setup(firms=2, teams=2)
    login_as(organiser)
    client.post(f"/events/{s.event.id}/meetings/add", data={"firm": s.firms[0].id, "team": s.teams[0].id})
    made = db.session.query(solving.MeetingRequest).filter_by(by_organiser=True).one()
    assert made.status == RequestStatus.ACCEPTED and made.mutual
    assert any("组织方为您安排了洽谈" in t for t in notes(s.user(s.teams[0])))
    client.post(
        f"/events/{s.event.id}/meetings/force",
        data={"firm": s.firms[1].id, "team": s.teams[1].id, "slot": "2", "table": "A2"},
    )
    forced = db.session.query(Meeting).filter_by(firm_participant_id=s.firms[1].id).one()
    assert (forced.slot, forced.table, forced.locked, forced.source) == (2, "A2", True, MeetingSource.ORGANISER)
    response = client.post(
        f"/events/{s.event.id}/meetings/force",
        data={"firm": s.firms[0].id, "team": s.teams[0].id, "slot": "2", "table": "A2"},
        follow_redirects=True,
    )
    assert "A2 在该场次已有洽谈" in response.get_data(as_text=True)
    run = _solve(client, s.event)
    assert run.summary["meetings"] == 2 and (forced.slot, forced.table) == (2, "A2")


def test_a_clash_between_locked_meetings_is_reported_not_stored(setup, organiser):
    s = setup(firms=1, teams=1)
    meeting = scheduling.force(s.event, s.firms[0], s.teams[0], 1, "A1", organiser)
    s.firms[0].unavailable_slots = [1]  # the organiser locked it where the firm cannot come
    run = scheduling.start_solve(s.event, organiser)
    db.session.commit()
    dispatch_committed()  # what the request does after its commit: the (eager) task runs
    db.session.refresh(run)
    assert "locked" in run.summary["error"] and meeting.status == MeetingStatus.SCHEDULED


def test_solving_needs_a_grid(setup, organiser):
    s = setup(firms=1, teams=1, slot_count=0)
    with pytest.raises(MeetingError, match="洽谈时段"):
        scheduling.start_solve(s.event, organiser)


def test_stored_meetings_pass_the_independent_checker(setup, organiser):
    s = setup(firms=4, teams=4, slot_count=4, tables=["A1", "A2"])
    for f in s.firms:
        for t in s.teams[:3]:
            accepted(s.event, f, t)
    made = solving.build(s.event)
    solving.run(s.event)
    stored = [
        {
            "a": solving.pid(m.firm_participant_id),
            "b": solving.pid(m.team_participant_id),
            "slot": m.slot,
            "table": solving.grid.table_index(s.event, m.table),
        }
        for m in _meetings(s.event)
    ]
    # the stored rows, read back, are a valid agenda for the same input (online rooms aside)
    placed = {frozenset((x["a"], x["b"])) for x in stored}
    left = [
        {"a": q["a"], "b": q["b"], "reason": "x"}
        for q in made.data["requests"]
        if frozenset((q["a"], q["b"])) not in placed
    ]
    total = sum(q["priority"] for q in made.data["requests"] if frozenset((q["a"], q["b"])) in placed)
    check(made.data, {"meetings": stored, "unscheduled": left, "objective": total, "bound": total})
    assert TaskRun is not None
