"""Home pages, inbox, verification answers, proposal decisions and the favicon, as a new user
meets them (issue 13, item 8)."""

from __future__ import annotations

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import ChallengeStatus, Match, Notification, OrgKind, Proposal, Role
from tests.conftest import PASSWORD


def test_one_greeting_after_signing_in(client, team):
    page = client.post("/login", data={"email": team.email, "password": PASSWORD}, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert html.count("您好") == 1 and "欢迎回来" not in html


def test_no_lone_separator_between_the_home_links(client, firm, make_challenge, login_as):
    make_challenge(firm.organization)
    html = login_as(firm).get("/").get_data(as_text=True)
    assert "查看我的需求" in html and "</a> ·" not in html


def test_a_teams_home_lists_recommended_challenges(client, team, make_user, make_challenge, make_capability, login_as):
    other_firm = make_user(Role.FIRM)
    wanted = make_challenge(other_firm.organization, title="锂电池回收中的湿法冶金难题")
    capability = make_capability(team.organization, title="湿法冶金与金属回收")
    db.session.add(Match(challenge_id=wanted.id, capability_id=capability.id, score=0.8, terms=["湿法冶金"]))
    db.session.commit()
    html = login_as(team).get("/").get_data(as_text=True)
    assert "为您推荐的技术需求" in html
    assert "锂电池回收中的湿法冶金难题" in html and f"/challenges/{wanted.id}" in html
    assert "推荐给：湿法冶金与金属回收" in html


def test_a_firms_home_lists_recommended_teams(client, firm, team, make_challenge, make_capability, login_as):
    challenge = make_challenge(firm.organization)
    capability = make_capability(team.organization, title="热误差实时补偿")
    db.session.add(Match(challenge_id=challenge.id, capability_id=capability.id, score=0.5, terms=["热误差"]))
    db.session.commit()
    html = login_as(firm).get("/").get_data(as_text=True)
    assert "为您推荐的高校院所团队" in html and "热误差实时补偿" in html


def test_inbox_links_are_labelled(client, firm, login_as):
    html = login_as(firm).get("/inbox/").get_data(as_text=True)
    assert "相关页面" in html and "访问申请" in html


def test_a_firm_is_not_told_of_its_own_publishing(client, firm, make_user, make_challenge, login_as):
    colleague = make_user(Role.FIRM, org=firm.organization)
    draft = make_challenge(firm.organization, status=ChallengeStatus.DRAFT)
    login_as(firm).post(f"/challenges/{draft.id}/publish")

    def kinds(user) -> list[str]:
        return list(db.session.scalars(sa.select(Notification.kind).where(Notification.user_id == user.id)))

    assert draft.status.value == "published"
    assert "challenge.status" not in kinds(firm)
    assert "challenge.status" in kinds(colleague)  # the colleague did not do it: worth telling


def test_return_for_correction_and_reject_with_a_reason(client, make_org, make_user, organiser, login_as):
    pending = make_org(OrgKind.FIRM, verified=False, name="待补正企业")
    applicant = make_user(Role.FIRM, org=pending)
    login_as(organiser)
    refused = client.post(
        f"/organiser/organizations/{pending.id}/decline",
        data={"outcome": "return", "reason": " "},
        follow_redirects=True,
    )
    assert "请填写原因" in refused.get_data(as_text=True) and pending.returned_at is None
    client.post(
        f"/organiser/organizations/{pending.id}/decline",
        data={"outcome": "return", "reason": "营业执照名称与填写不一致，请核对。"},
    )
    db.session.refresh(pending)
    assert pending.returned_at is not None and not pending.is_verified
    queue = client.get("/organiser/verification").get_data(as_text=True)
    assert "<td>待补正企业<div" not in queue and "另有 1 家单位已退回修改" in queue
    client.post("/logout")

    login_as(applicant)
    assert "营业执照名称与填写不一致" in client.get("/").get_data(as_text=True)
    page = client.get("/organization").get_data(as_text=True)
    assert "重新提交审核" in page and "营业执照名称与填写不一致" in page
    client.post(
        "/organization", data={"org_name": "待补正企业（已更正）", "credit_code": pending.credit_code, "city": "济南市"}
    )
    db.session.refresh(pending)
    assert pending.returned_at is None and pending.name == "待补正企业（已更正）"
    client.post("/logout")

    login_as(organiser)
    assert "<td>待补正企业（已更正）<div" in client.get("/organiser/verification").get_data(as_text=True)
    client.post(
        f"/organiser/organizations/{pending.id}/decline", data={"outcome": "reject", "reason": "非山东省内单位。"}
    )
    db.session.refresh(pending)
    assert pending.rejected_at is not None
    client.post("/logout")
    login_as(applicant)
    assert "单位审核未通过" in client.get("/").get_data(as_text=True)
    notes = db.session.scalars(sa.select(Notification.body).where(Notification.user_id == applicant.id)).all()
    assert "非山东省内单位。" in notes


def test_proposal_page_has_the_decision_buttons(client, firm, team, make_challenge, login_as):
    challenge = make_challenge(firm.organization)
    proposal = Proposal(
        challenge=challenge, organization_id=team.organization_id, summary="方案", technical_route="路线"
    )
    db.session.add(proposal)
    db.session.commit()
    html = login_as(firm).get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert (
        f'action="/proposals/{proposal.id}/shortlist"' in html and f'action="/proposals/{proposal.id}/select"' in html
    )
    back = client.post(f"/proposals/{proposal.id}/shortlist", data={"back": "detail"})
    assert back.status_code == 302 and back.location.endswith(f"/proposals/{proposal.id}")
    assert proposal.status.value == "shortlisted"
    client.post("/logout")
    team_view = login_as(team).get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "/shortlist" not in team_view and "/select" not in team_view


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.data[:4] == b"\x00\x00\x01\x00"
    assert 'rel="icon"' in client.get("/").get_data(as_text=True)
