"""Recording a meeting's outcome: each side for its own meetings only, after the meeting; an
agreement needs a sum and a date; bad input is a clear 400 that keeps what was typed."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import EventFeedback, EventStatus, MeetingOutcome, OutcomeKind, OutcomeSide, Role


def outcomes(meeting) -> dict[OutcomeSide, MeetingOutcome]:
    rows = db.session.scalars(sa.select(MeetingOutcome).where(MeetingOutcome.meeting_id == meeting.id))
    return {o.side: o for o in rows}


def test_each_side_records_its_own_outcome_and_may_edit_it(client, as_user, held, organiser):
    h = held()
    url = f"/deals/meetings/{h.meeting.id}/outcome"
    as_user(h.firm_user)
    assert client.post(url, data={"kind": "follow_up", "comment": "下月再谈"}).status_code == 302
    as_user(h.team_user)
    assert client.post(url, data={"kind": "intent"}).status_code == 302
    as_user(organiser)
    assert client.post(url, data={"kind": "intent", "comment": "双方意向明确"}).status_code == 302
    as_user(h.firm_user)
    assert client.post(url, data={"kind": "intent", "comment": "改为有意向"}).status_code == 302

    found = outcomes(h.meeting)
    assert {s: o.kind for s, o in found.items()} == {
        OutcomeSide.FIRM: OutcomeKind.INTENT,
        OutcomeSide.TEAM: OutcomeKind.INTENT,
        OutcomeSide.ORGANISER: OutcomeKind.INTENT,
    }
    assert found[OutcomeSide.FIRM].comment == "改为有意向"
    assert found[OutcomeSide.FIRM].recorded_by_id == h.firm_user.id
    page = client.get(url).get_data(as_text=True)  # the form shows the answer to edit
    assert re.search(r'<input checked[^>]*value="intent"', page) and "改为有意向" in page


def test_a_participant_reports_only_on_its_own_meetings(client, as_user, held, make_user):
    h = held()
    stranger = make_user(Role.FIRM)
    as_user(stranger)
    assert client.get(f"/deals/meetings/{h.meeting.id}/outcome").status_code == 404
    assert client.post(f"/deals/meetings/{h.meeting.id}/outcome", data={"kind": "intent"}).status_code == 404
    assert client.get(f"/deals/events/{h.event.id}/report").status_code == 404
    # A team-role user of another organisation is a stranger too.
    as_user(make_user(Role.TEAM))
    assert client.get(f"/deals/meetings/{h.meeting.id}/outcome").status_code == 404
    assert outcomes(h.meeting) == {}


def test_no_outcome_before_the_meeting(client, login_as, held):
    h = held(days_ago=-10, status=EventStatus.PUBLISHED)  # the event is ten days ahead
    login_as(h.firm_user)
    page = client.get(f"/deals/meetings/{h.meeting.id}/outcome").get_data(as_text=True)
    assert "洽谈结束后才能填写成果" in page
    response = client.post(f"/deals/meetings/{h.meeting.id}/outcome", data={"kind": "intent"})
    assert response.status_code == 400
    assert outcomes(h.meeting) == {}


def test_no_outcome_for_a_cancelled_meeting(client, login_as, held):
    from matchmaker.models import MeetingStatus

    h = held()
    h.meeting.status = MeetingStatus.NO_SHOW
    db.session.commit()
    login_as(h.team_user)
    assert client.post(f"/deals/meetings/{h.meeting.id}/outcome", data={"kind": "intent"}).status_code == 400
    assert outcomes(h.meeting) == {}


@pytest.mark.parametrize(
    ("amount", "agreed_on", "message"),
    [
        ("", date.today().isoformat(), "达成协议须填写协议金额"),
        ("120", "", "达成协议须填写协议日期"),
        ("-1", date.today().isoformat(), "不能为负数"),
        ("NaN", date.today().isoformat(), "请填写数字"),
        ("sNaN", date.today().isoformat(), "请填写数字"),
        ("1e400", date.today().isoformat(), "请填写数字"),
        ("99999999999", date.today().isoformat(), "不能超过"),
        ("120", (date.today() + timedelta(days=3)).isoformat(), "不能晚于今天"),
        ("120", "2027-13-45", "日期"),
    ],
)
def test_agreement_needs_a_sum_and_a_date(client, login_as, held, amount, agreed_on, message):
    h = held()
    login_as(h.firm_user)
    response = client.post(
        f"/deals/meetings/{h.meeting.id}/outcome",
        data={"kind": "agreement", "amount": amount, "agreed_on": agreed_on, "comment": "签约在即"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert "签约在即" in page  # what was typed stays
    assert outcomes(h.meeting) == {}


def test_agreement_with_sum_and_date_is_kept_and_other_kinds_drop_them(client, login_as, held):
    h = held()
    login_as(h.firm_user)
    day = date.today() - timedelta(days=1)
    url = f"/deals/meetings/{h.meeting.id}/outcome"
    client.post(url, data={"kind": "agreement", "amount": "85.5", "agreed_on": day.isoformat()})
    mine = outcomes(h.meeting)[OutcomeSide.FIRM]
    assert (str(mine.amount), mine.agreed_on) == ("85.50", day)
    client.post(url, data={"kind": "follow_up", "amount": "85.5", "agreed_on": day.isoformat()})
    db.session.refresh(mine)
    assert (mine.kind, mine.amount, mine.agreed_on) == (OutcomeKind.FOLLOW_UP, None, None)


@pytest.mark.parametrize("kind", ["", "maybe", "%ED%A0%80", "agreement%00"])  # a lone surrogate, a NUL
def test_an_unknown_kind_is_refused(client, login_as, held, kind):
    h = held()
    login_as(h.team_user)
    response = client.post(
        f"/deals/meetings/{h.meeting.id}/outcome",
        data=f"kind={kind}&comment=%ED%A0%80",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert outcomes(h.meeting) == {}


def test_huge_ids_find_nothing(client, login_as, held):
    h = held()
    login_as(h.firm_user)
    assert client.get(f"/deals/meetings/{2**31}/outcome").status_code == 404
    assert client.get(f"/deals/events/{2**63}/report").status_code == 404


def test_report_page_lists_my_meetings_and_takes_feedback(client, login_as, held):
    h = held()
    login_as(h.firm_user)
    page = client.get(f"/deals/events/{h.event.id}/report").get_data(as_text=True)
    assert "济南理工大学" in page and "填写成果" in page
    assert (
        client.post(f"/deals/events/{h.event.id}/feedback", data={"rating": "4", "comment": "组织有序"}).status_code
        == 302
    )
    assert client.post(f"/deals/events/{h.event.id}/feedback", data={"rating": "5"}).status_code == 302
    rows = list(db.session.scalars(sa.select(EventFeedback).where(EventFeedback.event_id == h.event.id)))
    assert [(f.rating, f.comment) for f in rows] == [(5, "")]
    for bad in ("6", "0", "NaN", "99999999999999999999"):
        response = client.post(f"/deals/events/{h.event.id}/feedback", data={"rating": bad, "comment": "留言"})
        assert response.status_code == 400
        assert "留言" in response.get_data(as_text=True)


def test_organiser_table_shows_answers_missing_sides_and_feedback(client, as_user, held, organiser):
    h = held()
    as_user(h.firm_user)
    client.post(f"/deals/meetings/{h.meeting.id}/outcome", data={"kind": "intent"})
    client.post(f"/deals/events/{h.event.id}/feedback", data={"rating": "4", "comment": "洽谈很有收获"})
    as_user(organiser)
    page = client.get(f"/deals/events/{h.event.id}/outcomes").get_data(as_text=True)
    assert "有合作意向" in page
    assert "洽谈很有收获" in page and "4.0" in page
    missing = page.split("尚未填写成果的单位")[1].split("活动评价")[0]
    assert "济南理工大学" in missing and "青岛海川精机有限公司" not in missing
