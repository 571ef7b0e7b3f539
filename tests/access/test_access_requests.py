"""A team asks for a challenge's confidential detail; the firm grants or declines."""

from __future__ import annotations

import sqlalchemy as sa
from flask.testing import FlaskClient

from matchmaker.authz import can_view_confidential
from matchmaker.extensions import db
from matchmaker.models import AccessRequest, AccessStatus, AuditLog, Notification, Role

SECRET = "现用主轴供应商：某精机，故障率3.2%"


def _ask(client: FlaskClient, challenge, reason: str = "团队长期研究主轴热误差，希望了解现场工况。"):
    return client.post(f"/access/challenges/{challenge.id}/request", data={"reason": reason})


def _the_request(challenge) -> AccessRequest:
    return db.session.scalar(sa.select(AccessRequest).where(AccessRequest.challenge_id == challenge.id))


def _kinds(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notification.kind).where(Notification.user_id == user.id)))


def _actions() -> list[str]:
    return list(
        db.session.scalars(sa.select(AuditLog.action).where(AuditLog.action.like("access.%")).order_by(AuditLog.id))
    )


def test_team_does_not_see_detail_before_a_grant(client, login_as, team, challenge):
    page = login_as(team).get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert SECRET not in page
    assert "申请查看详细资料" in page


def test_request_then_approve_shows_team_the_detail(client, login_as, firm, team, challenge):
    assert _ask(login_as(team), challenge).status_code == 302
    entry = _the_request(challenge)
    assert entry.status == AccessStatus.PENDING and entry.requested_by_id == team.id
    assert "access_requested" in _kinds(firm)

    client.post("/logout")
    login_as(firm)
    assert "团队长期研究主轴热误差" in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert client.post(f"/access/requests/{entry.id}/approve").status_code == 302
    assert entry.status == AccessStatus.APPROVED and entry.decided_by_id == firm.id

    client.post("/logout")
    page = login_as(team).get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert SECRET in page and "0531-88880000" in page
    assert "access_granted" in _kinds(team)
    assert _actions() == ["access.requested", "access.granted"]


def test_declined_team_still_cannot_see_the_detail(client, login_as, firm, team, challenge):
    _ask(login_as(team), challenge)
    client.post("/logout")
    login_as(firm).post(f"/access/requests/{_the_request(challenge).id}/decline")
    assert _the_request(challenge).status == AccessStatus.DECLINED
    assert not can_view_confidential(team, challenge)
    client.post("/logout")
    assert SECRET not in login_as(team).get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "access_declined" in _kinds(team)
    assert "access.declined" in _actions()


def test_grant_is_per_organisation_and_per_challenge(make_user, make_challenge, firm, team, challenge):
    other = make_challenge(firm.organization)
    db.session.add(
        AccessRequest(
            challenge=challenge, organization_id=team.organization_id, reason="x", status=AccessStatus.APPROVED
        )
    )
    db.session.flush()
    colleague = make_user(Role.TEAM, org=team.organization)
    stranger = make_user(Role.TEAM)
    assert can_view_confidential(colleague, challenge)
    assert not can_view_confidential(team, other)
    assert not can_view_confidential(stranger, challenge)
    assert not can_view_confidential(make_user(Role.FIRM), challenge)


def test_reason_over_300_characters_is_refused_and_kept(client, login_as, team, challenge):
    too_long = "热" * 301
    login_as(team)
    response = _ask(client, challenge, too_long)
    assert _the_request(challenge) is None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "申请理由不超过300字" in page
    assert too_long in page  # what was typed is not lost


def test_second_pending_request_is_refused(client, login_as, team, challenge):
    login_as(team)
    _ask(client, challenge)
    _ask(client, challenge, "再次申请")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessRequest)) == 1
    assert _the_request(challenge).reason != "再次申请"


def test_other_firm_cannot_decide_or_see(client, login_as, make_user, team, challenge):
    _ask(login_as(team), challenge)
    client.post("/logout")
    firm_b = make_user(Role.FIRM)
    login_as(firm_b)
    assert client.post(f"/access/requests/{_the_request(challenge).id}/approve").status_code == 404
    assert _the_request(challenge).status == AccessStatus.PENDING
    assert SECRET not in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "团队长期研究" not in client.get("/access/requests").get_data(as_text=True)


def test_firm_request_list_shows_pending_first(client, login_as, firm, team, make_user, challenge):
    _ask(login_as(team), challenge)
    client.post("/logout")
    page = login_as(firm).get("/access/requests?status=pending").get_data(as_text=True)
    assert team.organization.name in page and "同意" in page
