"""The day itself: check-in with search, a no-show frees the tables, a walk-in meeting takes one."""

from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.meetings import scheduling
from matchmaker.models import Meeting, MeetingSource, MeetingStatus
from tests.meetings.conftest import notes


def test_check_in_list_searches_and_marks_arrivals(setup, organiser, client, login_as):
    s = setup(firms=2, teams=1)
    login_as(organiser)
    page = client.get(f"/events/{s.event.id}/meetings/checkin?q=FIRM-1").get_data(as_text=True)
    assert f'id="participant-{s.firms[1].id}"' in page and f'id="participant-{s.firms[0].id}"' not in page
    by_contact = client.get(f"/events/{s.event.id}/meetings/checkin?q={s.user(s.teams[0]).name}").get_data(as_text=True)
    assert f'id="participant-{s.teams[0].id}"' in by_contact and f'id="participant-{s.firms[1].id}"' not in by_contact
    client.post(f"/events/{s.event.id}/meetings/checkin/{s.firms[1].id}/arrived")
    assert s.firms[1].checked_in_at is not None
    client.post(f"/events/{s.event.id}/meetings/checkin/{s.firms[1].id}/undo")
    assert s.firms[1].checked_in_at is None


def test_a_no_show_frees_the_table_and_a_walk_in_takes_it(setup, organiser, client, login_as):
    s = setup(firms=2, teams=2)
    absent, waiting, host, walker = s.firms[0], s.teams[0], s.teams[1], s.firms[1]
    booked = scheduling.force(s.event, absent, waiting, 1, "A1", organiser)
    scheduling.publish(s.event, organiser)
    db.session.commit()
    login_as(organiser)
    for p in (waiting, host, walker):
        client.post(f"/events/{s.event.id}/meetings/checkin/{p.id}/arrived")
    client.post(f"/events/{s.event.id}/meetings/checkin/{absent.id}/absent")
    assert booked.status == MeetingStatus.NO_SHOW and booked.absent_participant_id == absent.id
    assert any("未到场" in t for t in notes(s.user(waiting)))
    page = client.get(f"/events/{s.event.id}/meetings/checkin").get_data(as_text=True)
    assert "缺席" in page
    # the freed cell takes a walk-in meeting between two who came; both told at once
    client.post(
        f"/events/{s.event.id}/meetings/walk-in",
        data={"firm": walker.id, "team": waiting.id, "slot": "1", "table": "A1"},
    )
    walk = db.session.query(Meeting).filter_by(source=MeetingSource.WALK_IN).one()
    assert (walk.slot, walk.table, walk.locked, walk.published_slot) == (1, "A1", True, 1)
    assert any("现场洽谈" in t for t in notes(s.user(walker))) and any("现场洽谈" in t for t in notes(s.user(waiting)))


def test_walk_ins_need_both_checked_in_and_a_free_table(setup, organiser, client, login_as):
    s = setup(firms=2, teams=2)
    scheduling.force(s.event, s.firms[0], s.teams[0], 1, "A1", organiser)
    db.session.commit()
    login_as(organiser)
    response = client.post(
        f"/events/{s.event.id}/meetings/walk-in",
        data={"firm": s.firms[1].id, "team": s.teams[1].id, "slot": "1", "table": "A2"},
        follow_redirects=True,
    )
    assert "尚未签到" in response.get_data(as_text=True)
    for p in (s.firms[1], s.teams[1]):
        client.post(f"/events/{s.event.id}/meetings/checkin/{p.id}/arrived")
    response = client.post(
        f"/events/{s.event.id}/meetings/walk-in",
        data={"firm": s.firms[1].id, "team": s.teams[1].id, "slot": "1", "table": "A1"},
        follow_redirects=True,
    )
    assert "A1 在该场次已有洽谈" in response.get_data(as_text=True)


def test_someone_checked_in_cannot_be_marked_absent(setup, organiser, client, login_as):
    s = setup(firms=1, teams=1)
    scheduling.force(s.event, s.firms[0], s.teams[0], 0, "A1", organiser)
    db.session.commit()
    login_as(organiser)
    client.post(f"/events/{s.event.id}/meetings/checkin/{s.firms[0].id}/arrived")
    response = client.post(f"/events/{s.event.id}/meetings/checkin/{s.firms[0].id}/absent", follow_redirects=True)
    assert "已签到，不能标记为缺席" in response.get_data(as_text=True)
