"""Ids that arrive through form fields (hidden ids, selects, checkboxes) beyond MAX_ID: a page with
a Chinese message, never a 500. Keys are INTEGER, so on PostgreSQL such a number used to reach the
database and fail there (run this module with DATABASE_URL on PostgreSQL too)."""

# ruff: noqa: F811  (fixtures imported from other packages are parameters here)

from __future__ import annotations

import pytest

from matchmaker.form_fields import IdField, parse_id
from matchmaker.inputs import MAX_ID
from tests.events.conftest import add_participant, make_event  # noqa: F401  (fixtures)
from tests.good_results.conftest import make_gr_list, reviewer  # noqa: F401  (fixtures)
from tests.key_problems.conftest import make_list  # noqa: F401  (fixtures)
from tests.meetings.conftest import setup  # noqa: F401  (fixtures)

BEYOND = [str(MAX_ID + 1), str(2**40), str(2**70)]
NOT_LISTED = "所选项目不存在，请从列表中重新选择。"
NOT_OFFERED = "请从列出的选项中选择。"


def _page_after(client, response) -> str:
    """The page the user lands on: the answer itself, or where its redirect leads (with the flash)."""
    assert response.status_code in (200, 302), response.get_data(as_text=True)[:500]
    if response.status_code == 302:
        response = client.get(response.headers["Location"])
        assert response.status_code == 200
    return response.get_data(as_text=True)


def test_parse_id_takes_only_ids_a_key_can_hold():
    assert parse_id("1") == 1 and parse_id(str(MAX_ID)) == MAX_ID
    for value in [*BEYOND, "0", "-1", "²", "1e3", "", None, "12a"]:
        assert parse_id(value) is None, value


@pytest.mark.parametrize("value", BEYOND)
def test_key_problem_pool_add(client, login_as, organiser, make_list, value):
    make_list(2026)
    login_as(organiser)
    page = _page_after(client, client.post("/key-problems/manage/2026/entries", data={"challenge_id": value}))
    assert NOT_LISTED in page


@pytest.mark.parametrize("value", BEYOND)
def test_good_results_pool_add(client, login_as, organiser, make_gr_list, value):
    make_gr_list(2026)
    login_as(organiser)
    page = _page_after(client, client.post("/good-results/manage/2026/entries", data={"challenge_id": value}))
    assert NOT_LISTED in page


def test_good_results_nomination_and_reviewer_choice(
    client,
    login_as,
    team,
    organiser,
    make_capability,
    make_gr_list,
    reviewer,
):
    the_list = make_gr_list(2026, capabilities=[make_capability(team.organization)])
    login_as(team)
    for value in BEYOND:
        assert NOT_OFFERED in _page_after(client, client.post("/good-results/nominate", data={"capability_id": value}))
    client.post("/logout")
    login_as(organiser)
    url = f"/good-results/manage/2026/entries/{the_list.entries[0].id}/reviewer"
    for value in BEYOND:
        assert NOT_OFFERED in _page_after(client, client.post(url, data={"reviewer_id": value}))


def test_meeting_request_to(client, login_as, setup):
    s = setup(firms=1, teams=1)
    login_as(s.user(s.firms[0]))
    for value in BEYOND:
        page = _page_after(client, client.post(f"/events/{s.event.id}/meetings/requests", data={"to": value}))
        assert NOT_LISTED in page


@pytest.mark.parametrize("route", ["add", "force", "walk-in"])
def test_organiser_meeting_selects(client, login_as, organiser, setup, route):
    s = setup(firms=1, teams=1)
    login_as(organiser)
    for value in BEYOND:
        data = {"firm": value, "team": str(s.teams[0].id), "slot": "0", "table": "A1"}
        response = client.post(f"/events/{s.event.id}/meetings/{route}", data=data)
        assert "Not a valid choice" not in _page_after(client, response)


def test_event_invitations_and_added_participant(client, login_as, organiser, make_event):
    event = make_event()
    login_as(organiser)
    for value in BEYOND:
        _page_after(client, client.post(f"/events/{event.id}/invite", data={"org": [value, "1"]}))
        page = _page_after(client, client.post(f"/events/{event.id}/participants/add", data={"organization": value}))
        assert "请从列表中选择一家已审核的单位" in page


def test_reviewer_of_a_proposal(client, login_as, firm, team, make_challenge):
    from matchmaker.extensions import db
    from matchmaker.models import Proposal

    challenge = make_challenge(firm.organization)
    proposal = Proposal(
        challenge=challenge,
        organization_id=team.organization_id,
        submitted_by_id=team.id,
        summary="热误差建模方案",
        technical_route="温度场测量+神经网络",
    )
    db.session.add(proposal)
    db.session.commit()
    login_as(firm)
    for value in BEYOND:
        page = _page_after(client, client.post(f"/proposals/{proposal.id}/reviews", data={"reviewer_id": value}))
        assert "请选择评审专家" in page


def test_id_field_keeps_an_empty_value_for_its_required_message(app):
    from flask_wtf import FlaskForm
    from wtforms.validators import InputRequired

    class Form(FlaskForm):
        to = IdField(validators=[InputRequired("请选择洽谈对象。")])

    with app.test_request_context(method="POST", data={"to": ""}):
        form = Form()
        assert not form.validate() and form.errors == {"to": ["请选择洽谈对象。"]}
    with app.test_request_context(method="POST", data={"to": str(2**40)}):
        form = Form()
        assert not form.validate() and form.to.data is None and NOT_LISTED in form.errors["to"]
    with app.test_request_context(method="POST", data={"to": "42"}):
        assert Form().validate() is True
