"""Invitations, answers, self-registration, capacity per side and the waiting list."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from matchmaker.events import participants
from matchmaker.events.errors import EventError
from matchmaker.extensions import db
from matchmaker.models import EventStatus, Notification, OrgKind, ParticipantSource, ParticipantStatus, Role

P = ParticipantStatus


def _notes(user) -> list[str]:
    return [n.title for n in db.session.query(Notification).filter_by(user_id=user.id)]


def test_invitation_notifies_the_organisation_and_accepting_takes_a_place(
    app, make_event, make_user, organiser, client, login_as
):
    event = make_event()
    firm = make_user(Role.FIRM)
    with app.test_request_context():
        [made] = participants.invite(event, [firm.organization], ParticipantSource.MANUAL, organiser)
        db.session.commit()
    assert made.status == P.INVITED
    assert any("邀请参加" in t for t in _notes(firm))
    login_as(firm)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "接受邀请" in page
    assert client.post(f"/events/{event.id}/accept").status_code == 302
    db.session.refresh(made)
    assert made.status == P.ACCEPTED and made.user_id == firm.id
    assert participants.places_left(event, made.side) == event.capacity_firms - 1


def test_accepting_a_full_side_waits_and_a_freed_place_goes_to_the_first_in_line(
    app, make_event, make_user, organiser, add_participant
):
    event = make_event(capacity_firms=1)
    first, second, third = (make_user(Role.FIRM) for _ in range(3))
    a = add_participant(event, first.organization, P.INVITED)
    b = add_participant(event, second.organization, P.INVITED)
    c = add_participant(event, third.organization, P.INVITED)
    with app.test_request_context():
        participants.answer(a, True, first)
        participants.answer(b, True, second)
        participants.answer(c, True, third)
        db.session.commit()
        assert (a.status, b.status, c.status) == (P.ACCEPTED, P.WAITING, P.WAITING)
        participants.answer(a, False, first, "出差")
        db.session.commit()
    assert (a.status, b.status, c.status) == (P.DECLINED, P.ACCEPTED, P.WAITING)
    assert any("候补转正" in t for t in _notes(second))
    assert not any("候补转正" in t for t in _notes(third))


def test_capacity_is_counted_per_side(app, make_event, make_user, add_participant):
    event = make_event(capacity_firms=1, capacity_teams=1)
    firm, team = make_user(Role.FIRM), make_user(Role.TEAM)
    add_participant(event, firm.organization, P.ACCEPTED)
    waiting_team = add_participant(event, team.organization, P.INVITED)
    with app.test_request_context():
        participants.answer(waiting_team, True, team)
    assert waiting_team.status == P.ACCEPTED


def test_self_registration_is_approved_or_waits_and_a_rejection_carries_its_reason(
    app, make_event, make_user, organiser, add_participant, client, login_as
):
    event = make_event(capacity_teams=1)
    holder = make_user(Role.TEAM)
    add_participant(event, holder.organization, P.ACCEPTED)
    team, other = make_user(Role.TEAM), make_user(Role.TEAM)
    login_as(team)
    client.post(f"/events/{event.id}/register", data={"message": "希望对接热误差补偿"})
    mine = participants.of_organization(event, team.organization_id)
    assert mine.status == P.REGISTERED and mine.message == "希望对接热误差补偿"
    with app.test_request_context():
        participants.decide(mine, True, organiser)
        theirs = participants.register(event, other, "")
        participants.decide(theirs, False, organiser, "本场名额已满")
        db.session.commit()
    assert mine.status == P.WAITING  # the side is full: approved into the waiting list
    assert theirs.status == P.REJECTED
    assert any("报名未通过" in t for t in _notes(other))


@pytest.mark.parametrize(
    "case",
    ["unverified", "deadline", "draft", "twice", "agency"],
)
def test_registration_is_refused_with_a_reason(app, make_event, make_user, make_org, case):
    event = make_event(status=EventStatus.DRAFT if case == "draft" else EventStatus.PUBLISHED)
    user = make_user(Role.FIRM)
    if case == "unverified":
        user = make_user(Role.FIRM, org=make_org(OrgKind.FIRM, verified=False))
    if case == "deadline":
        event.registration_deadline = event.starts_on - timedelta(days=60)
    if case == "agency":
        user = make_user(Role.ORGANISER)
    with app.test_request_context():
        if case == "twice":
            participants.register(event, user)
        with pytest.raises(EventError) as error:
            participants.register(event, user)
    assert str(error.value)


def test_answering_a_closed_event_is_refused(app, make_event, make_user, add_participant):
    event = make_event(status=EventStatus.CLOSED, days_ahead=-10)
    firm = make_user(Role.FIRM)
    invited = add_participant(event, firm.organization, P.INVITED)
    with app.test_request_context(), pytest.raises(EventError):
        participants.answer(invited, True, firm)


def test_participant_list_exports_to_xlsx(app, make_event, make_user, add_participant, organiser, client, login_as):
    from io import BytesIO

    from openpyxl import load_workbook

    event = make_event()
    firm = make_user(Role.FIRM)
    add_participant(event, firm.organization, P.ACCEPTED, user_id=firm.id, responded_at=datetime(2026, 3, 1, 17, 30))
    login_as(organiser)
    response = client.get(f"/events/{event.id}/participants.xlsx")
    rows = list(load_workbook(BytesIO(response.data)).active.iter_rows(values_only=True))
    [row] = [r for r in rows if r[2] == firm.organization.name]
    assert row[4] == "已接受邀请" and row[7] == firm.email
    assert row[11] == "2026-03-02 01:30"  # China time
