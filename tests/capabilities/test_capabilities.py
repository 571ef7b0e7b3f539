"""Posting, editing and browsing capabilities (科研能力 / 科技成果)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from matchmaker.capabilities import queries
from matchmaker.extensions import db
from matchmaker.models import AuditLog, Capability, CapabilityStatus, OrgKind, OutboxMessage, Revision, Role

CONFLICT = "该成果已被他人修改，请刷新后重新编辑；您填写的内容已保留在下方"


def only_capability() -> Capability | None:
    return db.session.scalar(sa.select(Capability))


def titles(body: str) -> list[str]:
    return re.findall(r'<a href="/capabilities/\d+">([^<]+)</a>', body)


def test_team_saves_a_draft_then_publishes(login_as, make_user, capability_data):
    team = make_user(Role.TEAM)
    client = login_as(team)

    client.post("/capabilities/new", data=capability_data())
    capability = only_capability()
    assert capability.status == CapabilityStatus.DRAFT
    assert capability.trl == 6
    assert capability.cooperation_modes == ["license", "joint_development"]
    assert capability.keywords == ["锂电池", "回收"]
    assert capability.organization_id == team.organization_id
    assert db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.dedupe_key == f"refresh:capability:{capability.id}")
    )

    client.post(f"/capabilities/{capability.id}/publish")
    assert capability.status == CapabilityStatus.PUBLISHED
    assert capability.published_at is not None
    body = client.get(f"/capabilities/{capability.id}").get_data(as_text=True)
    assert "6级 系统原型在相关环境中验证" in body
    assert "许可、合作开发" in body


FIELD_ERRORS = [
    ({"title": ""}, "请填写名称。"),
    ({"title": "题" * 121}, "最多120个字。"),
    ({"chain": ""}, "请选择所属产业链。"),
    ({"team_name": ""}, "请填写团队名称。"),
    ({"team_name": "团" * 81}, "最多80个字。"),
    ({"leader": ""}, "请填写负责人。"),
    ({"leader_title": "职" * 41}, "最多40个字。"),
    ({"description": ""}, "请填写成果介绍。"),
    ({"description": "介" * 5001}, "最多5000个字。"),
    ({"trl": "10"}, "不是有效的选择。"),
    ({"trl": "abc"}, "选择无效：无法转化类型。"),
    ({"cooperation_modes": ["license", "gift"]}, "请从列出的合作方式中选择。"),
    ({"ip": "专" * 5001}, "最多5000个字。"),
    ({"applications": "应" * 5001}, "最多5000个字。"),
    ({"keywords": "a b c d e f"}, "关键字最多5个，您填写了6个。"),
]


@pytest.mark.parametrize(("values", "message"), FIELD_ERRORS)
def test_each_field_explains_bad_input_and_keeps_what_was_typed(login_as, make_user, capability_data, values, message):
    client = login_as(make_user(Role.TEAM))

    response = client.post("/capabilities/new", data=capability_data(**values))

    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body
    assert only_capability() is None
    if "team_name" not in values:
        assert 'value="电化学储能课题组"' in body


@pytest.mark.parametrize(
    ("values", "message"),
    [({"cooperation_modes": []}, "发布前请填写合作方式。"), ({"applications": ""}, "发布前请填写应用领域。")],
)
def test_publishing_needs_cooperation_modes_and_applications(login_as, make_user, capability_data, values, message):
    client = login_as(make_user(Role.TEAM))

    response = client.post("/capabilities/new", data=capability_data(save="", publish="1", **values))

    assert message in response.get_data(as_text=True)
    assert only_capability() is None


def test_pending_organisation_can_only_draft(login_as, make_user, make_org, capability_data):
    team = make_user(Role.TEAM, org=make_org(OrgKind.UNIVERSITY, verified=False))
    client = login_as(team)

    response = client.post("/capabilities/new", data=capability_data(save="", publish="1"), follow_redirects=True)

    assert only_capability().status == CapabilityStatus.DRAFT
    assert "审核通过后才能发布" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.TEAM, Role.FIRM, Role.ORGANISER])
def test_only_the_owner_team_edits(login_as, make_user, make_capability, capability_data, role):
    owner = make_user(Role.TEAM)
    capability = make_capability(owner.organization, title="原名称")
    client = login_as(make_user(role))

    assert client.get(f"/capabilities/{capability.id}/edit").status_code == 403
    response = client.post(f"/capabilities/{capability.id}/edit", data=capability_data(version="1"))
    assert response.status_code == 403
    assert client.post(f"/capabilities/{capability.id}/withdraw").status_code == 403
    assert capability.title == "原名称"
    assert capability.status == CapabilityStatus.PUBLISHED


def test_edit_keeps_history(login_as, make_user, make_capability, capability_data):
    team = make_user(Role.TEAM)
    capability = make_capability(team.organization, title="旧名称", trl=4)
    client = login_as(team)
    form = client.get(f"/capabilities/{capability.id}/edit").get_data(as_text=True)
    assert 'value="旧名称"' in form and '<option selected value="4">' in form
    assert 'value="license" checked' in form and 'value="equity" >' in form

    response = client.post(
        f"/capabilities/{capability.id}/edit", data=capability_data(title="新名称", version="1"), follow_redirects=True
    )

    assert capability.title == "新名称"
    revision = db.session.scalar(sa.select(Revision).where(Revision.entity_type == "capability"))
    assert revision.snapshot["title"] == "旧名称"
    assert revision.snapshot["trl"] == 4
    body = response.get_data(as_text=True)
    assert "修改记录" in body and "4级 关键功能在实验室环境中验证" in body


def test_two_edits_conflict(app, login_as, make_user, make_capability, capability_data):
    from tests.conftest import PASSWORD

    team = make_user(Role.TEAM)
    capability = make_capability(team.organization, title="原名称")
    alice = login_as(team)
    bob = app.test_client()
    bob.post("/login", data={"email": make_user(Role.TEAM, org=team.organization).email, "password": PASSWORD})
    url = f"/capabilities/{capability.id}/edit"

    assert alice.post(url, data=capability_data(title="甲的修改", version="1")).status_code == 302
    second = bob.post(url, data=capability_data(title="乙的修改", version="1"))

    assert second.status_code == 409
    assert CONFLICT in second.get_data(as_text=True)
    assert 'value="乙的修改"' in second.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Capability, capability.id).title == "甲的修改"


def test_withdraw_and_rework(client, login_as, make_user, make_capability):
    team = make_user(Role.TEAM)
    capability = make_capability(team.organization, title="待撤回成果")
    login_as(team)

    client.post(f"/capabilities/{capability.id}/withdraw")
    assert capability.status == CapabilityStatus.WITHDRAWN
    assert db.session.scalar(sa.select(AuditLog.detail).where(AuditLog.action == "capability.status")) == {
        "old": "published",
        "new": "withdrawn",
    }
    refused = client.post(f"/capabilities/{capability.id}/publish", follow_redirects=True)
    assert "科研成果不能从“已撤回”变为“已发布”。" in refused.get_data(as_text=True)
    client.post(f"/capabilities/{capability.id}/to-draft")
    assert capability.status == CapabilityStatus.DRAFT
    client.post("/logout")
    assert "待撤回成果" not in client.get("/capabilities/").get_data(as_text=True)


@pytest.fixture
def listed(make_org, make_capability):
    university = make_org(OrgKind.UNIVERSITY)
    institute = make_org(OrgKind.INSTITUTE)
    institute.city = "烟台市"
    return {
        "低": make_capability(university, title="成果低", trl=3),
        "中": make_capability(institute, title="成果中", trl=6),
        "高": make_capability(university, title="成果高", trl=9),
        "草稿": make_capability(university, title="成果草稿", status=CapabilityStatus.DRAFT),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?trl_min=5", {"成果中", "成果高"}),
        ("?trl_max=6", {"成果低", "成果中"}),
        ("?trl_min=4&trl_max=8", {"成果中"}),
        ("?org_kind=institute", {"成果中"}),
        ("?city=烟台市", {"成果中"}),
        ("?chain=equipment", {"成果低", "成果中", "成果高"}),
        ("?trl_min=0&trl_max=x&status=draft&sort=zz", {"成果低", "成果中", "成果高"}),
    ],
)
def test_filters(client, listed, query, expected):
    response = client.get(f"/capabilities/{query}")

    assert response.status_code == 200
    assert set(titles(response.get_data(as_text=True))) == expected


def test_sort_by_trl(client, listed):
    assert titles(client.get("/capabilities/?sort=trl").get_data(as_text=True)) == ["成果高", "成果中", "成果低"]


def test_search_uses_rank_ids(client, listed, monkeypatch):
    monkeypatch.setattr(queries, "rank_ids", lambda side, text, limit=500: [listed["低"].id, listed["高"].id])

    assert titles(client.get("/capabilities/?q=热误差").get_data(as_text=True)) == ["成果低", "成果高"]


def test_script_in_a_title_is_shown_as_text(client, make_user, make_capability):
    capability = make_capability(make_user(Role.TEAM).organization, title="<script>alert(1)</script>")

    for path in ("/capabilities/", f"/capabilities/{capability.id}"):
        body = client.get(path).get_data(as_text=True)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<script>alert(1)" not in body


def test_my_capabilities_list_actions(login_as, make_user, make_capability):
    team = make_user(Role.TEAM)
    draft = make_capability(team.organization, status=CapabilityStatus.DRAFT, title="我的草稿成果")
    client = login_as(team)

    body = client.get("/capabilities/mine").get_data(as_text=True)

    assert "我的草稿成果" in body
    assert f"/capabilities/{draft.id}/publish" in body
