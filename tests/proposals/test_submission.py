"""The team's side of 揭榜: submit once, edit until the deadline, withdraw; nobody else looks in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import Proposal, ProposalStatus, Role
from matchmaker.proposals import operations
from tests.proposals.conftest import audit_actions, notes

FORM = {
    "summary": "基于温度场的主轴热误差补偿",
    "technical_route": "布置测温点，建立热误差模型，实时补偿",
    "budget": "80",
    "duration_months": "12",
    "members": "赵教授（负责人）\n钱博士",
    "capability_id": "",
}


def _proposals(challenge) -> list[Proposal]:
    return list(db.session.scalars(sa.select(Proposal).where(Proposal.challenge_id == challenge.id)))


def test_team_submits_a_proposal_and_the_firm_is_told(client, login_as, firm, team, challenge, make_capability):
    capability = make_capability(team.organization)
    response = login_as(team).post(
        f"/proposals/challenges/{challenge.id}/new", data=FORM | {"capability_id": str(capability.id)}
    )
    assert response.status_code == 302
    [proposal] = _proposals(challenge)
    assert proposal.organization_id == team.organization_id
    assert proposal.budget == 80 and proposal.duration_months == 12 and proposal.capability_id == capability.id
    assert proposal.status == ProposalStatus.SUBMITTED
    assert [n.kind for n in notes(firm)] == ["proposal_received"]
    assert audit_actions(proposal) == ["proposal.submitted"]
    assert challenge.title in client.get("/proposals/mine").get_data(as_text=True)


def test_missing_fields_are_reported_and_typed_text_kept(client, login_as, team, challenge):
    page = login_as(team).post(
        f"/proposals/challenges/{challenge.id}/new", data=FORM | {"technical_route": "", "budget": "-5"}
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "请填写技术路线" in text and "预算不能为负数" in text
    assert "基于温度场的主轴热误差补偿" in text
    assert _proposals(challenge) == []


def test_only_its_own_capability_can_be_linked(client, login_as, team, other_team, challenge, make_capability):
    foreign = make_capability(other_team.organization)
    login_as(team).post(f"/proposals/challenges/{challenge.id}/new", data=FORM | {"capability_id": str(foreign.id)})
    assert _proposals(challenge) == []


def test_one_proposal_per_team(client, login_as, make_user, team, challenge):
    login_as(team).post(f"/proposals/challenges/{challenge.id}/new", data=FORM)
    colleague = make_user(Role.TEAM, org=team.organization)
    with pytest.raises(operations.ProposalError, match="只能提交一份"):
        operations.submit(challenge, colleague, FORM)
    client.post("/logout")
    response = login_as(colleague).get(f"/proposals/challenges/{challenge.id}/new")
    assert response.status_code == 302 and "/edit" in response.headers["Location"]
    assert len(_proposals(challenge)) == 1


def test_edit_before_deadline_then_refused_after(client, login_as, team, challenge, make_proposal):
    proposal = make_proposal(challenge, team)
    login_as(team).post(f"/proposals/{proposal.id}/edit", data=FORM | {"summary": "改进后的方案"})
    assert proposal.summary == "改进后的方案"

    challenge.deadline = date.today() - timedelta(days=2)
    db.session.flush()
    response = client.post(f"/proposals/{proposal.id}/edit", data=FORM | {"summary": "截止后偷改"})
    assert proposal.summary == "改进后的方案"
    assert response.status_code in (200, 302)
    assert client.get(f"/proposals/{proposal.id}/edit").status_code == 302  # sent back to the detail


def test_submission_after_deadline_is_refused(client, login_as, team, challenge):
    challenge.deadline = date.today() - timedelta(days=1)
    db.session.flush()
    with pytest.raises(operations.ProposalError, match="截止"):
        operations.submit(challenge, team, FORM)
    response = login_as(team).post(f"/proposals/challenges/{challenge.id}/new", data=FORM)
    assert response.headers["Location"].endswith(f"/challenges/{challenge.id}")
    assert _proposals(challenge) == []


def test_withdraw_then_submit_again_reuses_the_one_row(client, login_as, firm, team, challenge):
    login_as(team).post(f"/proposals/challenges/{challenge.id}/new", data=FORM)
    [proposal] = _proposals(challenge)
    client.post(f"/proposals/{proposal.id}/withdraw")
    assert proposal.status == ProposalStatus.WITHDRAWN
    client.post(f"/proposals/challenges/{challenge.id}/new", data=FORM | {"summary": "第二稿"})
    assert [(p.id, p.status, p.summary) for p in _proposals(challenge)] == [
        (proposal.id, ProposalStatus.SUBMITTED, "第二稿")
    ]
    assert audit_actions(proposal) == ["proposal.submitted", "proposal.withdrawn", "proposal.submitted"]


def test_other_firms_and_teams_never_see_proposals(
    client, login_as, make_user, team, other_team, challenge, make_proposal
):
    proposal = make_proposal(challenge, team, summary="独家技术路线XYZ")
    firm_b = make_user(Role.FIRM)
    login_as(firm_b)
    assert client.get(f"/proposals/challenges/{challenge.id}").status_code == 404
    assert client.get(f"/proposals/{proposal.id}").status_code == 404
    assert client.post(f"/proposals/{proposal.id}/select").status_code == 404
    assert "独家技术路线XYZ" not in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    client.post("/logout")
    login_as(other_team)
    assert client.get(f"/proposals/{proposal.id}").status_code == 404
    assert client.get(f"/proposals/{proposal.id}/edit").status_code == 404
    assert client.get(f"/proposals/challenges/{challenge.id}").status_code == 403
    assert "独家技术路线XYZ" not in client.get("/proposals/mine").get_data(as_text=True)


def test_owner_firm_and_organiser_see_all_proposals(
    client, login_as, make_user, firm, team, other_team, challenge, make_proposal
):
    make_proposal(challenge, team, summary="方案甲")
    make_proposal(challenge, other_team, summary="方案乙")
    for viewer in (firm, make_user(Role.ORGANISER)):
        page = login_as(viewer).get(f"/proposals/challenges/{challenge.id}").get_data(as_text=True)
        assert "方案甲" in page and "方案乙" in page
        client.post("/logout")
