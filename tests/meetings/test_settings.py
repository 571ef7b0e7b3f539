"""The organiser sets the meeting grid; bad input is a clear message, a change that would strand
placed meetings is refused."""

from __future__ import annotations

from datetime import time

from matchmaker.extensions import db
from matchmaker.meetings import scheduling
from matchmaker.models import EventFormat
from matchmaker.timezones import to_local

FORM = {
    "first_slot": "13:30",
    "slot_minutes": "20",
    "slot_count": "9",
    "break_slots": "4，8",
    "tables": "3",
    "max_meetings": "5",
    "answer_timeout_hours": "24",
    "request_deadline": "2030-01-02T18:00",
}


def test_the_organiser_sets_the_grid(setup, organiser, client, login_as):
    s = setup(firms=1, teams=1, slot_count=0, tables=[])
    login_as(organiser)
    assert client.get(f"/events/{s.event.id}/meetings/settings").status_code == 200
    data = FORM | {"meeting_date": s.event.starts_on.isoformat(), "online_meetings": "y"}
    assert client.post(f"/events/{s.event.id}/meetings/settings", data=data).status_code == 302
    e = s.event
    assert (e.first_slot, e.slot_minutes, e.slot_count, e.break_slots) == (time(13, 30), 20, 9, [3, 7])
    assert e.tables == ["1 号桌", "2 号桌", "3 号桌"] and e.online_meetings and e.max_meetings == 5
    assert to_local(e.request_deadline).hour == 18  # stored as 10:00 UTC, read back as 18:00 China time
    page = client.get(f"/events/{s.event.id}/meetings/organise").get_data(as_text=True)
    assert "预约截止：2030-01-02 18:00" in page
    assert "16:10–16:30" in page and "休息" in page  # slot 9 ends at 16:30; slots 4 and 8 are breaks


def test_named_tables_and_bad_input(setup, organiser, client, login_as):
    s = setup(firms=1, teams=1)
    login_as(organiser)
    day = s.event.starts_on.isoformat()
    client.post(
        f"/events/{s.event.id}/meetings/settings", data=FORM | {"meeting_date": day, "tables": "山大展位\nB2\n"}
    )
    assert s.event.tables == ["山大展位", "B2"]
    for bad, message in (
        ({"break_slots": "12"}, "休息场次应在1至9之间"),
        ({"break_slots": "a"}, "无法识别的场次号"),
        ({"slot_count": "0"}, "场次数应在1至48之间"),
        ({"tables": "B2\nB2"}, "桌名不能重复"),
        ({"meeting_date": "2000-01-01"}, "洽谈日期须在活动日期内"),
    ):
        response = client.post(f"/events/{s.event.id}/meetings/settings", data=FORM | {"meeting_date": day} | bad)
        assert response.status_code == 200 and message in response.get_data(as_text=True), bad


def test_online_meetings_only_for_online_or_hybrid_events(setup, organiser, client, login_as):
    s = setup(firms=1, teams=1, format=EventFormat.OFFLINE)
    login_as(organiser)
    data = FORM | {"meeting_date": s.event.starts_on.isoformat(), "online_meetings": "y"}
    response = client.post(f"/events/{s.event.id}/meetings/settings", data=data)
    assert "线下活动不能安排线上洽谈" in response.get_data(as_text=True) and not s.event.online_meetings


def test_a_change_that_strands_meetings_is_refused(setup, organiser, client, login_as):
    s = setup(firms=1, teams=1, slot_count=6, tables=["A1", "A2"])
    scheduling.force(s.event, s.firms[0], s.teams[0], 5, "A2", organiser)
    db.session.commit()
    login_as(organiser)
    day = s.event.starts_on.isoformat()
    fewer = FORM | {"meeting_date": day, "slot_count": "4", "break_slots": "", "tables": "A1\nA2"}
    assert "第 6 场已排有洽谈" in client.post(f"/events/{s.event.id}/meetings/settings", data=fewer).get_data(
        as_text=True
    )
    gone = FORM | {"meeting_date": day, "slot_count": "6", "break_slots": "", "tables": "A1"}
    assert "“A2”已排有洽谈" in client.post(f"/events/{s.event.id}/meetings/settings", data=gone).get_data(as_text=True)
    assert s.event.slot_count == 6 and s.event.tables == ["A1", "A2"]
