"""The year plan from the web, the lifecycle of an event, suggestions, and the public pages."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from matchmaker.events import lifecycle, plans, suggestions
from matchmaker.events.errors import EventError
from matchmaker.events.workdays import is_working_day
from matchmaker.extensions import db
from matchmaker.models import (
    AuditLog,
    Capability,
    CapabilityStatus,
    Event,
    EventStatus,
    Match,
    Notification,
    OrgKind,
    ParticipantStatus,
    Role,
)
from tests.i18n.helpers import assert_english_page


def test_organiser_plans_a_year_from_open_demand(app, chains, make_challenge, make_user, organiser, client, login_as):
    firm = make_user(Role.FIRM)
    for _ in range(3):
        make_challenge(firm.organization)
    make_challenge(firm.organization, primary_chain=chains["new-energy"], chains=[chains["new-energy"]])
    login_as(organiser)
    response = client.post(
        "/events/plans",
        data={
            "year": 2026,
            "target": 3,
            "min_gap_days": 30,
            "blackouts": "2026-07-20 至 2026-08-20",
            "fixed_dates": "",
        },
    )
    assert response.status_code == 302
    plan = plans.by_year(2026)
    events = plan.events
    assert len(events) == 3
    covered = {c.code for e in events for c in e.chains}
    assert covered == {"equipment", "new-energy"}
    assert all(is_working_day(e.starts_on) for e in events)
    assert not any(date(2026, 7, 20) <= e.starts_on <= date(2026, 8, 20) for e in events)
    assert all(e.planner_reason for e in events)
    page = client.get("/events/plans/2026").get_data(as_text=True)
    assert "为什么这样安排" in page and events[0].title in page


def test_plan_form_keeps_what_was_typed_and_names_the_bad_date(organiser, client, login_as):
    login_as(organiser)
    page = client.post(
        "/events/plans", data={"year": 2027, "target": 6, "min_gap_days": 21, "blackouts": "2027-07-20 至 8月20日"}
    ).get_data(as_text=True)
    assert "无法识别的日期" in page and "8月20日" in page
    assert plans.by_year(2027) is None


def test_publishing_checks_the_event_and_cancelling_needs_a_reason(
    app, make_event, organiser, make_user, add_participant
):
    event = make_event(status=EventStatus.DRAFT, city="", venue="")
    with app.test_request_context():
        with pytest.raises(EventError, match="城市"):
            lifecycle.move(event, EventStatus.PUBLISHED, organiser)
        event.city, event.venue = "济南市", "会场"
        lifecycle.move(event, EventStatus.PUBLISHED, organiser)
        firm = make_user(Role.FIRM)
        add_participant(event, firm.organization, ParticipantStatus.ACCEPTED, user_id=firm.id)
        with pytest.raises(EventError, match="尚未举行"):
            lifecycle.move(event, EventStatus.HELD, organiser)
        with pytest.raises(EventError, match="原因"):
            lifecycle.move(event, EventStatus.CANCELLED, organiser, "  ")
        lifecycle.move(event, EventStatus.CANCELLED, organiser, "场地调整")
        with pytest.raises(EventError):
            lifecycle.move(event, EventStatus.PUBLISHED, organiser)
        db.session.commit()
    assert event.published_at is not None and event.cancel_reason == "场地调整"
    notes = db.session.query(Notification).filter_by(user_id=firm.id).all()
    assert [n.body for n in notes if "已取消" in n.title] == ["场地调整"]
    actions = [a.detail["after"] for a in db.session.query(AuditLog).filter_by(action="event.status")]
    assert actions == ["published", "cancelled"]


def test_drafts_are_not_public(make_event, client):
    draft = make_event(status=EventStatus.DRAFT)
    assert client.get(f"/events/{draft.id}").status_code == 404
    assert draft.title not in client.get("/events/").get_data(as_text=True)


def test_suggestions_rank_firms_by_open_demand_and_teams_by_match(
    make_event, make_user, make_challenge, make_capability, make_org
):
    busy, quiet = make_user(Role.FIRM), make_user(Role.FIRM)
    problems = [make_challenge(busy.organization) for _ in range(3)]
    make_challenge(quiet.organization)
    strong_uni, weak_uni = make_org(OrgKind.UNIVERSITY), make_org(OrgKind.UNIVERSITY)
    strong, weak = make_capability(strong_uni), make_capability(weak_uni)
    for problem in problems:
        db.session.add(Match(challenge=problem, capability=strong, score=0.8, terms=["热误差"]))
    db.session.add(Match(challenge=problems[0], capability=weak, score=0.9, terms=["主轴"]))
    db.session.commit()
    found = suggestions.suggest(make_event(capacity_firms=1, capacity_teams=5))
    assert [f.organization for f in found.firms] == [busy.organization]  # capped at one place
    assert [t.organization for t in found.teams] == [strong_uni, weak_uni]
    assert found.teams[0].problems == 3 and found.teams[0].pairs[0].terms == ["热误差"]


def test_invite_page_sends_the_chosen_suggestions(make_event, make_user, make_challenge, organiser, client, login_as):
    firm = make_user(Role.FIRM)
    make_challenge(firm.organization)
    event = make_event()
    login_as(organiser)
    assert firm.organization.name in client.get(f"/events/{event.id}/invite").get_data(as_text=True)
    client.post(f"/events/{event.id}/invite", data={"org": [str(firm.organization_id), "99999999999999999999"]})
    [participant] = event.participants
    assert participant.status == ParticipantStatus.INVITED and participant.suggestion["demand"] == 1


def test_public_event_page_reads_in_english(make_event, client):
    event = make_event(title_en="Equipment Matchmaking Day", agenda_outline="09:00 签到")
    html = client.get(f"/events/{event.id}?lang=en").get_data(as_text=True)
    assert "Equipment Matchmaking Day" in html
    assert_english_page(html)
    assert_english_page(client.get("/events/?lang=en").get_data(as_text=True))


def test_ics_is_a_valid_calendar_in_china_time(make_event, client):
    event = make_event(title="装备对接会")
    response = client.get(f"/events/{event.id}.ics")
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    [item] = calendar.walk("VEVENT")
    start = item.decoded("dtstart")
    assert str(item["summary"]) == "装备对接会"
    assert start.utcoffset() == timedelta(hours=8) and start.hour == 9
    assert calendar.walk("VTIMEZONE")  # calendars in other zones place it right


def test_seeded_demo_has_held_and_open_events(app, db):
    from pathlib import Path

    from matchmaker.seed.loader import load_all

    load_all(Path(app.config["SEED_DATA_DIR"]))
    db.session.commit()
    again = load_all(Path(app.config["SEED_DATA_DIR"]))
    assert again["events"] == (0, 0)
    events = db.session.query(Event).all()
    statuses = {e.status for e in events}
    assert {EventStatus.PUBLISHED, EventStatus.HELD, EventStatus.CLOSED} <= statuses
    open_event = next(e for e in events if e.status == EventStatus.PUBLISHED)
    assert open_event.starts_on > date.today() and open_event.registration_deadline >= date.today()
    kinds = {p.status for p in open_event.participants}
    assert {ParticipantStatus.INVITED, ParticipantStatus.ACCEPTED, ParticipantStatus.REGISTERED} <= kinds
    held = next(e for e in events if e.status == EventStatus.HELD)
    assert sum(p.checked_in_at is not None for p in held.participants) >= 6
    assert db.session.query(Capability).filter_by(status=CapabilityStatus.PUBLISHED).count() > 0
    assert isinstance(held.created_at, datetime)
