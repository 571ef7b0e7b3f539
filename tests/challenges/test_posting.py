"""Posting a challenge: draft, publish, validation, who may do it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import AuditLog, Challenge, ChallengeStatus, Notification, OrgKind, OutboxMessage, Role


def only_challenge() -> Challenge | None:
    return db.session.scalar(sa.select(Challenge))


def test_firm_saves_a_draft(login_as, make_user, challenge_data, chains):
    firm = make_user(Role.FIRM)
    client = login_as(firm)

    response = client.post("/challenges/new", data=challenge_data(chain_extra=str(chains["equipment"].id)))

    challenge = only_challenge()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/challenges/{challenge.id}")
    assert challenge.status == ChallengeStatus.DRAFT
    assert challenge.published_at is None
    assert challenge.organization_id == firm.organization_id
    assert challenge.created_by_id == firm.id
    assert challenge.primary_chain.code == "new-energy"
    assert {c.code for c in challenge.chains} == {"new-energy", "equipment"}
    assert challenge.keywords == ["锂电池", "回收", "梯次利用"]
    assert (challenge.budget_min, challenge.budget_max) == (Decimal(200), Decimal(500))
    assert challenge.problem == "退役动力电池拆解效率低，\n正极材料回收率不足85%。"
    assert db.session.scalar(sa.select(AuditLog.action).where(AuditLog.entity_id == challenge.id)) == (
        "challenge.created"
    )
    assert db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.dedupe_key == f"refresh:challenge:{challenge.id}")
    )


def test_firm_publishes_from_the_form(login_as, make_user, challenge_data):
    firm = make_user(Role.FIRM)
    client = login_as(firm)

    response = client.post("/challenges/new", data=challenge_data(save="", publish="1"), follow_redirects=True)

    challenge = only_challenge()
    assert challenge.status == ChallengeStatus.PUBLISHED
    assert challenge.published_at is not None
    assert "已发布" in response.get_data(as_text=True)
    # The firm did it: no inbox notice of its own publishing (issue 13, item 8).
    assert db.session.scalar(sa.select(Notification).where(Notification.user_id == firm.id)) is None


def test_draft_published_later_from_my_list(login_as, make_user, make_challenge):
    firm = make_user(Role.FIRM)
    draft = make_challenge(firm.organization, status=ChallengeStatus.DRAFT)
    client = login_as(firm)

    response = client.post(f"/challenges/{draft.id}/publish", data={"back": "mine"})

    assert response.headers["Location"].endswith("/challenges/mine")
    assert draft.status == ChallengeStatus.PUBLISHED


def test_incomplete_draft_is_saved_but_not_published(login_as, make_user, challenge_data):
    client = login_as(make_user(Role.FIRM))

    client.post("/challenges/new", data=challenge_data(indicators="", contact_phone=""))
    challenge = only_challenge()
    response = client.post(f"/challenges/{challenge.id}/publish", follow_redirects=True)

    assert challenge.status == ChallengeStatus.DRAFT
    assert "发布前请填写：技术关键与主要指标、联系电话。" in response.get_data(as_text=True)


FIELD_ERRORS = [
    ({"title": ""}, "请填写名称。"),
    ({"title": "题" * 121}, "最多120个字。"),
    ({"title_en": "x" * 201}, "最多200个字。"),
    ({"chain": ""}, "请选择所属产业链。"),
    ({"chain": "99999"}, "不是有效的选择。"),
    ({"mode": "lottery"}, "不是有效的选择。"),
    ({"solution_mode": "magic"}, "不是有效的选择。"),
    ({"problem": "   "}, "请填写主要问题。"),
    ({"problem": "问" * 5001}, "最多5000个字。"),
    ({"indicators": "指" * 5001}, "最多5000个字。"),
    ({"goal": "目" * 5001}, "最多5000个字。"),
    ({"confidential_detail": "密" * 5001}, "最多5000个字。"),
    ({"keywords": "一 二 三 四 五 六"}, "关键字最多5个，您填写了6个。"),
    ({"keywords": "超" * 21}, "每个关键字最多20个字。"),
    ({"budget_min": "abc"}, "不是有效的小数。"),
    ({"budget_min": "-5"}, "资金下限不能为负数。"),
    ({"budget_max": "10000000000"}, "资金上限不能超过 9,999,999,999.99 万元。"),
    ({"budget_min": "600", "budget_max": "500"}, "上限不能低于下限。"),
    ({"budget_min": "600", "budget_max": ""}, "填写了下限时，请同时填写上限。"),
    ({"deadline": "2030-13-40"}, "不是有效的日期值。"),
    ({"contact_name": "名" * 41}, "最多40个字。"),
    ({"contact_phone": "call me"}, "电话只能包含数字、空格、+、-、括号和“转”。"),
]


@pytest.mark.parametrize(("values", "message"), FIELD_ERRORS)
def test_each_field_explains_bad_input_and_keeps_what_was_typed(login_as, make_user, challenge_data, values, message):
    client = login_as(make_user(Role.FIRM))
    data = challenge_data(**values)

    response = client.post("/challenges/new", data=data)

    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body
    assert "invalid-feedback" in body
    assert only_challenge() is None
    for name in ("title", "indicators", "contact_name"):
        if name not in values:
            assert data[name] in body  # nothing typed is lost
    assert "退役动力电池拆解效率低，\n正极材料回收率不足85%。" in body or "problem" in values


PUBLISH_ERRORS = [
    ({"indicators": ""}, "发布前请填写技术关键与主要指标。"),
    ({"goal": ""}, "发布前请填写预期目标。"),
    ({"deadline": ""}, "发布前请填写需求时限。"),
    ({"contact_name": ""}, "发布前请填写联系人。"),
    ({"contact_phone": ""}, "发布前请填写联系电话。"),
    ({"deadline": date.today().isoformat()}, "需求时限应晚于今天。"),
    ({"deadline": (date.today() - timedelta(days=3)).isoformat()}, "需求时限应晚于今天。"),
]


@pytest.mark.parametrize(("values", "message"), PUBLISH_ERRORS)
def test_publishing_needs_the_whole_form(login_as, make_user, challenge_data, values, message):
    client = login_as(make_user(Role.FIRM))

    response = client.post("/challenges/new", data=challenge_data(save="", publish="1", **values))

    assert message in response.get_data(as_text=True)
    assert only_challenge() is None


@pytest.mark.parametrize(("values", "message"), PUBLISH_ERRORS)
def test_a_draft_may_be_incomplete(login_as, make_user, challenge_data, values, message):
    client = login_as(make_user(Role.FIRM))

    response = client.post("/challenges/new", data=challenge_data(**values))

    assert response.status_code == 302
    assert only_challenge().status == ChallengeStatus.DRAFT


def test_five_keywords_are_accepted_and_duplicates_dropped(login_as, make_user, challenge_data):
    client = login_as(make_user(Role.FIRM))

    client.post("/challenges/new", data=challenge_data(keywords="一，二、三 四;五 五"))

    assert only_challenge().keywords == ["一", "二", "三", "四", "五"]


def test_pending_organisation_drafts_and_is_told_why_it_cannot_publish(login_as, make_user, make_org, challenge_data):
    firm = make_user(Role.FIRM, org=make_org(OrgKind.FIRM, verified=False))
    client = login_as(firm)

    form_page = client.get("/challenges/new").get_data(as_text=True)
    response = client.post("/challenges/new", data=challenge_data(save="", publish="1"), follow_redirects=True)

    assert "您的单位尚在审核中" in form_page
    challenge = only_challenge()
    assert challenge.status == ChallengeStatus.DRAFT
    assert "已保存为草稿，但暂不能发布" in response.get_data(as_text=True)
    assert "审核通过后才能发布" in response.get_data(as_text=True)

    client.post(f"/challenges/{challenge.id}/publish")
    assert challenge.status == ChallengeStatus.DRAFT


def test_team_cannot_post_a_challenge(login_as, make_user, challenge_data):
    client = login_as(make_user(Role.TEAM))

    assert client.post("/challenges/new", data=challenge_data()).status_code == 403
    assert only_challenge() is None


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/challenges/{id}/edit"),
        ("POST", "/challenges/{id}/edit"),
        ("POST", "/challenges/{id}/publish"),
        ("POST", "/challenges/{id}/withdraw"),
        ("POST", "/challenges/{id}/to-draft"),
    ],
)
def test_only_the_owner_firm_writes(login_as, make_user, make_challenge, challenge_data, method, path):
    owner = make_user(Role.FIRM)
    challenge = make_challenge(owner.organization, status=ChallengeStatus.DRAFT, title="原标题")
    client = login_as(make_user(Role.FIRM))  # firm B

    response = client.open(path.format(id=challenge.id), method=method, data=challenge_data(version="1"))

    assert response.status_code == 403
    assert challenge.title == "原标题"
    assert challenge.status == ChallengeStatus.DRAFT


def test_colleague_of_the_owner_may_edit(login_as, make_user, make_challenge, challenge_data):
    owner = make_user(Role.FIRM)
    challenge = make_challenge(owner.organization, status=ChallengeStatus.DRAFT)
    client = login_as(make_user(Role.FIRM, org=owner.organization))

    response = client.post(f"/challenges/{challenge.id}/edit", data=challenge_data(title="同事修改", version="1"))

    assert response.status_code == 302
    assert challenge.title == "同事修改"


def test_withdraw_hides_the_challenge_and_it_can_be_reworked(login_as, make_user, make_challenge, client):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization, title="待撤回的需求")
    login_as(firm)

    client.post(f"/challenges/{challenge.id}/withdraw")
    assert challenge.status == ChallengeStatus.WITHDRAWN
    audit = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "challenge.status"))
    assert audit.detail == {"old": "published", "new": "withdrawn"}

    client.post("/logout")
    assert "待撤回的需求" not in client.get("/challenges/").get_data(as_text=True)
    assert client.get(f"/challenges/{challenge.id}").status_code == 404

    login_as(firm)
    client.post(f"/challenges/{challenge.id}/to-draft")
    assert challenge.status == ChallengeStatus.DRAFT


def test_refused_transition_is_explained(login_as, make_user, make_challenge):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization, status=ChallengeStatus.DRAFT)
    client = login_as(firm)

    response = client.post(f"/challenges/{challenge.id}/withdraw", follow_redirects=True)

    assert challenge.status == ChallengeStatus.DRAFT
    assert "技术需求不能从“草稿”变为“已撤回”。" in response.get_data(as_text=True)


def test_challenge_under_review_is_not_editable(login_as, make_user, make_challenge):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization, status=ChallengeStatus.IN_REVIEW)
    client = login_as(firm)

    response = client.get(f"/challenges/{challenge.id}/edit", follow_redirects=True)

    assert "“评审中”状态的需求不能再修改。" in response.get_data(as_text=True)


def test_script_in_a_title_is_shown_as_text(client, make_user, make_challenge):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(
        firm.organization, title="<script>alert(1)</script>", problem="<img src=x onerror=alert(2)>"
    )

    for path in ("/challenges/", f"/challenges/{challenge.id}"):
        body = client.get(path).get_data(as_text=True)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<script>alert(1)" not in body
        assert "<img src=x" not in body


def test_my_challenges_show_state_and_actions(login_as, make_user, make_challenge):
    firm = make_user(Role.FIRM)
    draft = make_challenge(firm.organization, status=ChallengeStatus.DRAFT, title="我的草稿")
    published = make_challenge(firm.organization, title="我的已发布")
    make_challenge(make_user(Role.FIRM).organization, title="别人的需求")
    client = login_as(firm)

    body = client.get("/challenges/mine").get_data(as_text=True)

    assert "我的草稿" in body and "我的已发布" in body and "别人的需求" not in body
    assert f"/challenges/{draft.id}/publish" in body
    assert f"/challenges/{published.id}/withdraw" in body
    assert f"/challenges/{draft.id}/withdraw" not in body
    drafts_only = client.get("/challenges/mine?status=draft").get_data(as_text=True)
    assert "我的草稿" in drafts_only and "我的已发布" not in drafts_only


def test_detail_shows_the_owner_actions_only_to_the_owner(client, login_as, make_user, make_challenge):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization)
    edit_link = f"/challenges/{challenge.id}/edit"

    assert edit_link not in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    login_as(firm)
    assert edit_link in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
