"""What an organisation awaiting verification may do (issue 13 item 12): browse and save drafts;
not ask for confidential detail, not propose, not publish (web and API); and a firm deciding on
an applicant sees that it is unverified."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import AccessRequest, OrgKind, Proposal, Role

PROPOSAL = {"summary": "热误差建模方案", "technical_route": "温度场测量+神经网络", "members": "赵教授"}
UNVERIFIED = "贵单位尚未通过组织方审核"


@pytest.fixture
def pending_team(make_user, make_org):
    return make_user(Role.TEAM, org=make_org(OrgKind.UNIVERSITY, verified=False))


@pytest.fixture
def challenge(firm, make_challenge):
    return make_challenge(firm.organization)


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_unverified_team_browses_but_cannot_ask_for_the_detail(client, login_as, pending_team, challenge):
    login_as(pending_team)
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert challenge.title in page and UNVERIFIED in page
    assert f"/access/challenges/{challenge.id}/request" not in page
    response = client.post(f"/access/challenges/{challenge.id}/request", data={"reason": "了解细节"})
    assert response.status_code == 302
    assert _count(AccessRequest) == 0
    assert UNVERIFIED in client.get(response.headers["Location"]).get_data(as_text=True)


def test_unverified_team_cannot_propose(client, login_as, pending_team, challenge):
    login_as(pending_team)
    assert f"/proposals/challenges/{challenge.id}/new" not in client.get(f"/challenges/{challenge.id}").get_data(
        as_text=True
    )
    form = client.get(f"/proposals/challenges/{challenge.id}/new")
    assert form.status_code == 302
    assert UNVERIFIED in client.get(form.headers["Location"]).get_data(as_text=True)
    client.post(f"/proposals/challenges/{challenge.id}/new", data=PROPOSAL)
    assert _count(Proposal) == 0


def test_a_proposal_left_from_before_cannot_be_edited_while_unverified(client, login_as, pending_team, challenge):
    proposal = Proposal(challenge=challenge, organization_id=pending_team.organization_id, **PROPOSAL)
    db.session.add(proposal)
    db.session.commit()
    login_as(pending_team)
    client.post(f"/proposals/{proposal.id}/edit", data=PROPOSAL | {"summary": "改过的方案", "capability_id": ""})
    db.session.refresh(proposal)
    assert proposal.summary == PROPOSAL["summary"]
    pending_team.organization.verified_at = sa.func.now()  # once verified, the same edit goes through
    db.session.commit()
    client.post(f"/proposals/{proposal.id}/edit", data=PROPOSAL | {"summary": "改过的方案", "capability_id": ""})
    db.session.refresh(proposal)
    assert proposal.summary == "改过的方案"


def test_unverified_team_still_saves_drafts_on_the_web_and_the_api(client, login_as, pending_team, chains):
    from matchmaker.api.operations import create_token

    login_as(pending_team)
    page = client.get("/capabilities/new").get_data(as_text=True)
    assert "保存草稿" in page or "保存" in page
    secret = create_token(pending_team, "ERP").secret
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    body = {"title": "热误差建模", "chains": ["equipment"], "team_name": "精密制造课题组", "leader": "赵教授"}
    body |= {"description": "基于温度场测量的建模方法。", "trl": 5}
    assert client.post("/api/v1/capabilities", json=body, headers=headers).status_code == 201
    refused = client.post("/api/v1/capabilities", json=body | {"status": "published"}, headers=headers)
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "not_verified"


def test_firm_sees_which_applicants_are_unverified(client, login_as, firm, team, pending_team, challenge):
    for applicant in (team, pending_team):
        db.session.add(AccessRequest(challenge=challenge, organization_id=applicant.organization_id, reason="了解"))
        db.session.add(Proposal(challenge=challenge, organization_id=applicant.organization_id, **PROPOSAL))
    db.session.commit()
    login_as(firm)
    pages = {
        "requests": client.get("/access/requests").get_data(as_text=True),
        "challenge": client.get(f"/challenges/{challenge.id}").get_data(as_text=True),
        "proposals": client.get(f"/proposals/challenges/{challenge.id}").get_data(as_text=True),
    }
    for name, page in pages.items():
        assert page.count("未认证") == (2 if name == "proposals" else 1), name
    proposal = db.session.scalar(sa.select(Proposal).where(Proposal.organization_id == pending_team.organization_id))
    assert "未认证" in client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
