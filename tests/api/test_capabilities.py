"""/api/v1/capabilities: list and filters, visibility, create and update by the owning team."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db as _db
from matchmaker.models import Capability, CapabilityStatus, OrgKind, Role

COMPLETE = {
    "title": "高镍正极材料包覆改性",
    "chains": ["new-energy"],
    "team_name": "新能源材料课题组",
    "leader": "钱教授",
    "leader_title": "教授",
    "description": "原子层沉积包覆，循环寿命提升40%。",
    "trl": 5,
    "cooperation_modes": ["license", "joint_development"],
    "ip": "发明专利3项",
    "applications": "动力电池正极",
    "keywords": ["正极材料", "包覆"],
}


def _ids(response) -> set[int]:
    return {item["id"] for item in response.get_json()["items"]}


def test_list_filters_like_the_web(api, team, organiser, token_for, make_org, make_capability):
    mature = make_capability(team.organization, trl=8)
    early = make_capability(make_org(OrgKind.INSTITUTE, city="烟台市"), trl=3)
    draft = make_capability(team.organization, status=CapabilityStatus.DRAFT)
    assert _ids(api.get("/api/v1/capabilities")) == {mature.id, early.id}
    assert _ids(api.get("/api/v1/capabilities?trl_min=6")) == {mature.id}
    assert _ids(api.get("/api/v1/capabilities?trl_max=4&city=烟台市")) == {early.id}
    assert _ids(api.get("/api/v1/capabilities?org_kind=institute")) == {early.id}
    assert api.get("/api/v1/capabilities?status=draft").status_code == 422
    assert _ids(api.get("/api/v1/capabilities?status=draft", token_for(organiser))) == {draft.id}


@pytest.mark.parametrize("query", ["trl_min=0", "trl_max=10", "sort=price", "per_page=500"])
def test_bad_parameters_are_422(api, query):
    assert api.get(f"/api/v1/capabilities?{query}").status_code == 422


def test_a_draft_is_visible_to_its_team_only(api, team, firm_a, token_for, make_capability):
    draft = make_capability(team.organization, status=CapabilityStatus.DRAFT)
    url = f"/api/v1/capabilities/{draft.id}"
    assert api.get(url).status_code == 404
    assert api.get(url, token_for(firm_a)).status_code == 404
    assert api.get(url, token_for(team)).get_json()["trl"] == draft.trl


def test_a_team_creates_and_publishes(api, team, token_for, chains):
    response = api.post("/api/v1/capabilities", token_for(team), json=COMPLETE | {"status": "published"})
    assert response.status_code == 201
    capability = _db.session.get(Capability, response.get_json()["id"])
    assert capability.status == CapabilityStatus.PUBLISHED
    assert capability.cooperation_modes == ["license", "joint_development"]
    assert capability.trl == 5 and capability.organization_id == team.organization_id


def test_create_validates_like_the_web_form(api, team, token_for, chains):
    body = COMPLETE | {"trl": 12, "cooperation_modes": ["gift"], "leader": ""}
    response = api.post("/api/v1/capabilities", token_for(team), json=body)
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert {"trl", "cooperation_modes"} <= fields.keys()
    body = COMPLETE | {"leader": " ", "status": "published", "applications": ""}
    fields = api.post("/api/v1/capabilities", token_for(team), json=body).get_json()["error"]["fields"]
    assert fields["leader"] == ["请填写负责人。"]
    assert fields["applications"] == ["发布前请填写应用领域。"]
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(Capability)) == 0


def test_only_the_owning_team_updates_and_versions_are_checked(api, team, make_user, token_for, make_capability):
    capability = make_capability(team.organization, applications="数控机床")
    url = f"/api/v1/capabilities/{capability.id}"
    other_team = make_user(Role.TEAM)
    assert api.patch(url, token_for(other_team), json={"version": 1, "trl": 7}).status_code == 403
    secret = token_for(team)
    updated = api.patch(url, secret, json={"version": capability.version, "trl": 7, "keywords": ["新"]})
    assert updated.status_code == 200
    assert (capability.trl, capability.keywords) == (7, ["新"])
    assert api.patch(url, secret, json={"version": 1, "trl": 8}).status_code == 409
    assert capability.trl == 7


def test_editing_a_published_capability_asks_for_the_whole_form(api, team, token_for, make_capability):
    capability = make_capability(team.organization, applications="")
    response = api.patch(f"/api/v1/capabilities/{capability.id}", token_for(team), json={"version": 1, "trl": 7})
    assert response.get_json()["error"]["fields"] == {"applications": ["发布前请填写应用领域。"]}
    assert capability.trl == 6


def test_withdraw_and_back_to_draft(api, team, token_for, make_capability):
    capability = make_capability(team.organization)
    url, secret = f"/api/v1/capabilities/{capability.id}", token_for(team)
    withdrawn = api.patch(url, secret, json={"version": capability.version, "status": "withdrawn"}).get_json()
    assert withdrawn["status"] == "withdrawn"
    draft = api.patch(url, secret, json={"version": withdrawn["version"], "status": "draft"}).get_json()
    assert draft["status"] == "draft" and capability.status == CapabilityStatus.DRAFT
