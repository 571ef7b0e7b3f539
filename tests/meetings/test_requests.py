"""Requests between confirmed participants: browse by fit, send, answer, mutual interest, the
time-out with its reminder, unavailable slots."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from matchmaker.extensions import db
from matchmaker.meetings import requests
from matchmaker.meetings.tasks import expire_requests
from matchmaker.models import MeetingRequest, OrgKind, ParticipantStatus, RequestStatus
from tests.meetings.conftest import notes


def _request(firm, team) -> MeetingRequest:
    return db.session.query(MeetingRequest).filter_by(from_participant_id=firm.id, to_participant_id=team.id).one()


def test_browse_lists_the_other_side_by_fit_with_terms_and_marks_the_best(setup, match_between, client, login_as):
    s = setup(firms=1, teams=4)
    firm = s.firms[0]
    match_between(firm, s.teams[2], 0.81, ["热误差", "数控机床"])
    match_between(firm, s.teams[0], 0.42, ["主轴"])
    login_as(s.user(firm))
    page = client.get(f"/events/{s.event.id}/meetings/").get_data(as_text=True)
    order = [page.index(f'id="counterpart-{t.id}"') for t in (s.teams[2], s.teams[0], s.teams[1])]
    assert order == sorted(order)  # best fit first
    best = page[page.index(f'id="counterpart-{s.teams[2].id}"') :][:1500]
    assert "建议洽谈" in best and "热误差" in best and "0.81" in best
    unmatched = page[page.index(f'id="counterpart-{s.teams[1].id}"') :][:800]
    assert "建议洽谈" not in unmatched and "暂无推荐匹配" in unmatched


def test_only_confirmed_participants_reach_the_meetings_pages(
    setup, add_participant, make_org, make_user, client, login_as
):
    s = setup(firms=1, teams=1)
    org = make_org(OrgKind.FIRM)
    invited = make_user(org=org)
    add_participant(s.event, org, ParticipantStatus.INVITED, user_id=invited.id)
    login_as(invited)
    assert client.get(f"/events/{s.event.id}/meetings/").status_code == 404
    assert client.post(f"/events/{s.event.id}/meetings/requests", data={"to": s.teams[0].id}).status_code == 404


def test_a_request_is_sent_answered_and_both_sides_told(setup, match_between, client, login_as):
    s = setup(firms=1, teams=2)
    firm, team, other = s.firms[0], s.teams[0], s.teams[1]
    match_between(firm, team, 0.6, ["储能"])
    login_as(s.user(firm))
    client.post(f"/events/{s.event.id}/meetings/requests", data={"to": team.id, "message": "想谈热误差补偿"})
    sent = _request(firm, team)
    assert sent.status == RequestStatus.PENDING and sent.message == "想谈热误差补偿"
    assert sent.match_score == pytest.approx(0.6) and sent.expires_at is not None
    assert any("洽谈邀约" in t for t in notes(s.user(team)))
    # the same pair again is refused with a reason, not a second request
    response = client.post(f"/events/{s.event.id}/meetings/requests", data={"to": team.id}, follow_redirects=True)
    assert "已有洽谈邀约" in response.get_data(as_text=True)
    # a firm cannot ask a firm; an unknown id is a clear message
    response = client.post(f"/events/{s.event.id}/meetings/requests", data={"to": "99999"}, follow_redirects=True)
    assert "没有这家参会单位" in response.get_data(as_text=True)

    client.post("/logout")
    login_as(s.user(team))
    client.post(f"/events/{s.event.id}/meetings/requests/{sent.id}/accept")
    assert sent.status == RequestStatus.ACCEPTED and sent.answered_by_id == s.user(team).id
    assert any("接受了洽谈邀约" in t for t in notes(s.user(firm)))
    # the other team declines a request of the firm, with a reason
    second = requests.send(s.event, firm, other, s.user(firm), "")
    db.session.commit()
    client.post("/logout")
    login_as(s.user(other))
    client.post(f"/events/{s.event.id}/meetings/requests/{second.id}/decline", data={"reason": "方向不符"})
    assert second.status == RequestStatus.DECLINED and second.reason == "方向不符"
    assert any("谢绝了洽谈邀约" in t for t in notes(s.user(firm)))
    with pytest.raises(requests.MeetingError, match="已谢绝"):  # a decline stands
        requests.send(s.event, firm, other, s.user(firm), "再请考虑")


def test_only_the_recipient_answers(setup, client, login_as):
    s = setup(firms=2, teams=1)
    sent = requests.send(s.event, s.firms[0], s.teams[0], s.user(s.firms[0]), "")
    db.session.commit()
    login_as(s.user(s.firms[1]))
    response = client.post(f"/events/{s.event.id}/meetings/requests/{sent.id}/accept", follow_redirects=True)
    assert "只能答复发给贵单位的邀约" in response.get_data(as_text=True)
    assert sent.status == RequestStatus.PENDING


def test_asking_back_makes_the_interest_mutual(setup):
    s = setup(firms=1, teams=1)
    firm, team = s.firms[0], s.teams[0]
    first = requests.send(s.event, firm, team, s.user(firm), "")
    again = requests.send(s.event, team, firm, s.user(team), "")
    assert again is first and first.status == RequestStatus.ACCEPTED and first.mutual
    assert first.priority > requests.MeetingRequest(match_score=first.match_score).priority


def test_requests_close_at_the_deadline_and_need_a_grid(setup):
    s = setup(firms=1, teams=1)
    s.event.request_deadline = datetime.now(UTC) - timedelta(hours=1)
    with pytest.raises(requests.MeetingError, match="截止"):
        requests.send(s.event, s.firms[0], s.teams[0], s.user(s.firms[0]), "")
    s.event.request_deadline = None
    s.event.slot_count = 0
    with pytest.raises(requests.MeetingError, match="尚未设置洽谈时段"):
        requests.send(s.event, s.firms[0], s.teams[0], s.user(s.firms[0]), "")


def test_the_deadline_caps_the_answer_time(setup):
    s = setup(firms=1, teams=1, answer_timeout_hours=72)
    deadline = datetime.now(UTC) + timedelta(hours=5)
    s.event.request_deadline = deadline
    made = requests.send(s.event, s.firms[0], s.teams[0], s.user(s.firms[0]), "")
    assert abs(requests.aware(made.expires_at) - deadline) < timedelta(seconds=1)


def test_a_request_capped_by_the_deadline_expires_at_the_deadline_once_stored(setup):
    """The cap is stored in UTC: a China-time value would read back 8 h late on SQLite."""
    s = setup(firms=1, teams=1, answer_timeout_hours=72)
    deadline = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=5)
    s.event.request_deadline = deadline
    made = requests.send(s.event, s.firms[0], s.teams[0], s.user(s.firms[0]), "")
    db.session.commit()
    db.session.expire_all()  # read back from the database
    assert requests.expire_due(deadline - timedelta(minutes=1)) == 0
    assert requests.expire_due(deadline + timedelta(minutes=1)) == 1
    assert made.status == RequestStatus.EXPIRED


def test_unanswered_requests_are_reminded_once_then_expire(app, setup):
    s = setup(firms=1, teams=1, answer_timeout_hours=8)
    firm, team = s.firms[0], s.teams[0]
    made = requests.send(s.event, firm, team, s.user(firm), "")
    db.session.commit()
    assert expire_requests.apply().get() == {"reminded": 0, "expired": 0}  # plenty of time left
    made.created_at = datetime.now(UTC) - timedelta(hours=7)  # one hour of eight left
    made.expires_at = datetime.now(UTC) + timedelta(hours=1)
    db.session.commit()
    assert expire_requests.apply().get() == {"reminded": 1, "expired": 0}
    assert expire_requests.apply().get() == {"reminded": 0, "expired": 0}  # reminded once
    assert sum("请尽快答复" in t for t in notes(s.user(team))) == 1
    made.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    assert expire_requests.apply().get() == {"reminded": 0, "expired": 1}
    assert made.status == RequestStatus.EXPIRED
    assert any("已过期" in t for t in notes(s.user(firm))) and any("已过期" in t for t in notes(s.user(team)))


def test_the_operator_runs_the_time_out_from_the_command_line(app, setup):
    """`flask meetings expire-requests`: what beat runs every 15 minutes, at once."""
    s = setup(firms=1, teams=1)
    made = requests.send(s.event, s.firms[0], s.teams[0], s.user(s.firms[0]), "")
    made.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["meetings", "expire-requests"])
    assert result.exit_code == 0 and result.output.strip() == "reminded 0, expired 1"
    db.session.refresh(made)
    assert made.status == RequestStatus.EXPIRED


def test_a_late_answer_finds_the_request_expired(setup, client, login_as):
    s = setup(firms=1, teams=1)
    made = requests.send(s.event, s.firms[0], s.teams[0], s.user(s.firms[0]), "")
    made.expires_at = datetime.now(UTC) - timedelta(minutes=5)
    db.session.commit()
    login_as(s.user(s.teams[0]))
    response = client.post(f"/events/{s.event.id}/meetings/requests/{made.id}/accept", follow_redirects=True)
    assert "已过期" in response.get_data(as_text=True)
    assert made.status == RequestStatus.EXPIRED


def test_the_timeout_runs_on_the_beat_schedule():
    from matchmaker.background.schedule import EXCLUSIVE, SCHEDULE

    assert any(e["task"] == "matchmaker.meetings.tasks.expire_requests" for e in SCHEDULE.values())
    assert "matchmaker.meetings.tasks.expire_requests" in EXCLUSIVE


def test_withdrawing_and_calling_off(setup, client, login_as):
    s = setup(firms=1, teams=1)
    made = requests.send(s.event, s.firms[0], s.teams[0], s.user(s.firms[0]), "")
    db.session.commit()
    login_as(s.user(s.teams[0]))  # the recipient cannot withdraw a pending request
    response = client.post(f"/events/{s.event.id}/meetings/requests/{made.id}/cancel", follow_redirects=True)
    assert "请选择接受或谢绝" in response.get_data(as_text=True) and made.status == RequestStatus.PENDING
    client.post(f"/events/{s.event.id}/meetings/requests/{made.id}/accept")
    client.post(f"/events/{s.event.id}/meetings/requests/{made.id}/cancel", data={"reason": "行程变动"})
    assert made.status == RequestStatus.CANCELLED and made.reason == "行程变动"
    assert any("取消了洽谈" in t for t in notes(s.user(s.firms[0])))


def test_participants_mark_unavailable_slots(setup, client, login_as):
    s = setup(firms=1, teams=1, slot_count=6, break_slots=[3])
    login_as(s.user(s.firms[0]))
    page = client.get(f"/events/{s.event.id}/meetings/").get_data(as_text=True)
    assert 'id="slot-3"' not in page and 'id="slot-5"' in page  # no box for the break
    client.post(f"/events/{s.event.id}/meetings/unavailable", data={"slot": ["1", "4"]})
    assert s.firms[0].unavailable_slots == [1, 4]
    response = client.post(f"/events/{s.event.id}/meetings/unavailable", data={"slot": ["9"]}, follow_redirects=True)
    assert "没有这个场次" in response.get_data(as_text=True) and s.firms[0].unavailable_slots == [1, 4]
    response = client.post(f"/events/{s.event.id}/meetings/unavailable", data={"slot": ["x"]}, follow_redirects=True)
    assert response.status_code == 200 and s.firms[0].unavailable_slots == [1, 4]
