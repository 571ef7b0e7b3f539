"""/api/v1/challenges: lists and filters, visibility, confidential fields, create, update, versions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db as _db
from matchmaker.models import (
    AccessRequest,
    AccessStatus,
    Challenge,
    ChallengeMode,
    ChallengeStatus,
    OrgKind,
    Revision,
    Role,
)

CONFIDENTIAL = {"confidential_detail", "contact_name", "contact_phone"}
FUTURE = (date.today() + timedelta(days=60)).isoformat()
COMPLETE = {
    "title": "锂电池极片涂布厚度在线检测",
    "chains": ["new-energy", "equipment"],
    "problem": "涂布厚度波动±3μm，离线抽检滞后。",
    "indicators": "在线测量精度≤0.5μm",
    "goal": "形成在线闭环控制",
    "keywords": ["锂离子电池", "涂布"],
    "budget_min": 50,
    "budget_max": 120.5,
    "mode": "open_call",
    "solution_mode": "commissioned",
    "deadline": FUTURE,
    "contact_name": "李工",
    "contact_phone": "0531-12345678",
    "confidential_detail": "现用测厚仪型号：某型β射线",
}


def _ids(response) -> list[int]:
    return [item["id"] for item in response.get_json()["items"]]


# ---------------------------------------------------------------- reading


def test_the_list_shows_listed_challenges_without_confidential_fields(api, firm_a, make_challenge):
    published = make_challenge(firm_a.organization)
    draft = make_challenge(firm_a.organization, status=ChallengeStatus.DRAFT)
    body = api.get("/api/v1/challenges").get_json()
    assert _ids_of(body) == [published.id]
    assert draft.id not in _ids_of(body)
    assert not CONFIDENTIAL & body["items"][0].keys()
    assert body["items"][0]["chains"] == ["equipment"]


def _ids_of(body: dict) -> list[int]:
    return [item["id"] for item in body["items"]]


def test_pagination_reports_its_bounds(api, firm_a, make_challenge):
    made = [make_challenge(firm_a.organization) for _ in range(5)]
    body = api.get("/api/v1/challenges?per_page=2&page=2").get_json()
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (2, 2, 5, 3)
    assert len(body["items"]) == 2
    last = api.get("/api/v1/challenges?per_page=2&page=3").get_json()
    assert len(last["items"]) == 1
    beyond = api.get("/api/v1/challenges?per_page=2&page=9").get_json()
    assert beyond["items"] == [] and beyond["total"] == 5
    everything = api.get("/api/v1/challenges?per_page=100").get_json()
    assert sorted(_ids_of(everything)) == sorted(c.id for c in made)


@pytest.mark.parametrize(
    ("query", "field"),
    [("per_page=101", "per_page"), ("per_page=0", "per_page"), ("page=0", "page"), ("page=x", "page")],
)
def test_pagination_out_of_bounds_is_422(api, query, field):
    response = api.get(f"/api/v1/challenges?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_filters_are_those_of_the_web_list(api, make_user, make_org, make_challenge, chains):
    qingdao_firm = make_org(OrgKind.FIRM, city="青岛市")
    jinan = make_challenge(make_user(Role.FIRM).organization, budget_min=10, budget_max=20)
    energy = make_challenge(
        qingdao_firm, title="固态电解质界面阻抗", mode=ChallengeMode.OPEN_CALL, budget_min=200, budget_max=300
    )
    energy.primary_chain, energy.chains = chains["new-energy"], [chains["new-energy"]]
    _db.session.commit()
    institute = make_challenge(make_org(OrgKind.INSTITUTE), status=ChallengeStatus.IN_REVIEW)

    def ids(query: str) -> set[int]:
        return set(_ids(api.get(f"/api/v1/challenges?{query}")))

    assert ids("chain=new-energy") == {energy.id}
    assert ids("city=青岛市") == {energy.id}
    assert ids("mode=open_call") == {energy.id}
    assert ids("budget_min=100") == {energy.id}
    assert ids("budget_max=50") == {jinan.id}
    assert ids("org_kind=institute") == {institute.id}
    assert ids("status=in_review") == {institute.id}
    assert ids("q=固态电解质") == {energy.id}
    assert ids("") == {jinan.id, energy.id, institute.id}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("mode=fast", "mode"),
        ("city=北京市", "city"),
        ("budget_min=-1", "budget_min"),
        ("budget_max=lots", "budget_max"),
    ],
)
def test_bad_filter_values_are_422(api, query, field):
    response = api.get(f"/api/v1/challenges?{query}")
    assert response.status_code == 422
    assert list(response.get_json()["error"]["fields"]) == [field]


def test_only_organisers_filter_by_unlisted_statuses(api, firm_a, organiser, token_for, make_challenge):
    draft = make_challenge(firm_a.organization, status=ChallengeStatus.DRAFT)
    assert api.get("/api/v1/challenges?status=draft", token_for(firm_a)).status_code == 422
    assert _ids(api.get("/api/v1/challenges?status=draft", token_for(organiser))) == [draft.id]


def test_confidential_fields_only_for_the_owner_and_organisers(
    api, firm_a, firm_b, team, organiser, token_for, make_challenge
):
    challenge = make_challenge(firm_a.organization)
    url = f"/api/v1/challenges/{challenge.id}"
    for who in (None, firm_b, team):
        body = api.get(url, token_for(who) if who else None).get_json()
        assert not CONFIDENTIAL & body.keys(), who
        assert "某精机" not in str(body)
    for who in (firm_a, organiser):
        body = api.get(url, token_for(who)).get_json()
        assert body["confidential_detail"] == challenge.confidential_detail
        assert body["contact_phone"] == "0531-88880000"


def test_a_team_granted_access_sees_the_confidential_fields(api, firm_a, team, token_for, make_challenge):
    challenge = make_challenge(firm_a.organization)
    url, secret = f"/api/v1/challenges/{challenge.id}", token_for(team)
    request = AccessRequest(challenge=challenge, organization=team.organization, reason="评估可行性")
    _db.session.add(request)
    _db.session.commit()
    assert "confidential_detail" not in api.get(url, secret).get_json()  # pending is not enough
    request.status = AccessStatus.APPROVED
    _db.session.commit()
    assert api.get(url, secret).get_json()["confidential_detail"] == challenge.confidential_detail


def test_drafts_are_hidden_from_all_but_owner_and_organisers(api, firm_a, firm_b, organiser, token_for, make_challenge):
    draft = make_challenge(firm_a.organization, status=ChallengeStatus.DRAFT)
    url = f"/api/v1/challenges/{draft.id}"
    assert api.get(url).status_code == 404
    assert api.get(url, token_for(firm_b)).status_code == 404
    assert api.get(url, token_for(firm_a)).status_code == 200
    assert api.get(url, token_for(organiser)).status_code == 200


def test_detail_carries_the_version_as_etag(api, firm_a, make_challenge):
    challenge = make_challenge(firm_a.organization)
    response = api.get(f"/api/v1/challenges/{challenge.id}")
    assert response.headers["ETag"] == f'"{challenge.version}"'
    assert response.get_json()["version"] == challenge.version


# ---------------------------------------------------------------- creating


def test_create_saves_a_draft_by_default(api, firm_a, token_for, chains):
    response = api.post("/api/v1/challenges", token_for(firm_a), json=COMPLETE)
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/challenges/{body['id']}")
    challenge = _db.session.get(Challenge, body["id"])
    assert challenge.status == ChallengeStatus.DRAFT
    assert challenge.organization_id == firm_a.organization_id
    assert challenge.primary_chain.code == "new-energy"
    assert [c.code for c in challenge.chains] == ["equipment", "new-energy"]
    assert body["chains"] == ["new-energy", "equipment"]
    assert challenge.keywords == ["锂离子电池", "涂布"]
    assert (challenge.budget_min, challenge.budget_max) == (Decimal(50), Decimal("120.50"))
    assert challenge.mode == ChallengeMode.OPEN_CALL
    assert body["confidential_detail"] == COMPLETE["confidential_detail"]


def test_create_published_for_a_verified_firm(api, firm_a, token_for, chains):
    body = api.post("/api/v1/challenges", token_for(firm_a), json=COMPLETE | {"status": "published"}).get_json()
    challenge = _db.session.get(Challenge, body["id"])
    assert challenge.status == ChallengeStatus.PUBLISHED and challenge.published_at is not None
    assert body["status"] == "published"


def test_a_pending_firm_cannot_publish_and_nothing_is_created(api, pending_firm, token_for, chains):
    secret = token_for(pending_firm)
    response = api.post("/api/v1/challenges", secret, json=COMPLETE | {"status": "published"})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "not_verified"
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(Challenge)) == 0
    assert api.post("/api/v1/challenges", secret, json=COMPLETE).status_code == 201  # a draft is fine


def test_publishing_asks_for_the_whole_form(api, firm_a, token_for, chains):
    minimal = {"title": "只有标题", "chains": ["equipment"], "problem": "问题"}
    response = api.post("/api/v1/challenges", token_for(firm_a), json=minimal | {"status": "published"})
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert {"indicators", "goal", "deadline", "contact_name", "contact_phone"} <= fields.keys()
    assert fields["goal"] == ["发布前请填写预期目标。"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "  "}, "title", "请填写名称。"),
        ({"chains": ["mars"]}, "chains", "未知的产业链代码：mars。"),
        ({"chains": ["equipment", "equipment"]}, "chains", "产业链不能重复。"),
        ({"budget_min": 200, "budget_max": 100}, "budget_max", "上限不能低于下限。"),
        ({"keywords": ["长" * 21]}, "keywords", "最多20个字。"),
        ({"deadline": "2030-02-30"}, "deadline", "日期格式应为 YYYY-MM-DD。"),
        ({"contact_phone": "call me"}, "contact_phone", "电话只能包含数字、空格、+、-、括号和“转”。"),
        ({"mode": "auction"}, "mode", "取值应为：matchmaking、open_call、horse_race。"),
    ],
)
def test_create_validates_like_the_web_form(api, firm_a, token_for, chains, change, field, message):
    response = api.post("/api/v1/challenges", token_for(firm_a), json=COMPLETE | change)
    assert response.status_code == 422
    assert message in response.get_json()["error"]["fields"][field]


# ---------------------------------------------------------------- updating


def test_the_owner_updates_with_the_current_version(api, firm_a, token_for, make_challenge):
    challenge = make_challenge(firm_a.organization)
    old_title, version = challenge.title, challenge.version
    response = api.patch(
        f"/api/v1/challenges/{challenge.id}", token_for(firm_a), json={"version": version, "title": "新标题"}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["title"] == "新标题" and body["version"] == version + 1
    assert response.headers["ETag"] == f'"{version + 1}"'
    assert body["problem"] == challenge.problem  # untouched fields keep their values
    revision = _db.session.scalar(sa.select(Revision).where(Revision.entity_id == challenge.id))
    assert revision.snapshot["title"] == old_title  # the web's edit history, written by the same operation


def test_if_match_may_carry_the_version(api, firm_a, token_for, make_challenge):
    challenge = make_challenge(firm_a.organization)
    headers = {"If-Match": f'"{challenge.version}"'}
    response = api.patch(
        f"/api/v1/challenges/{challenge.id}", token_for(firm_a), json={"goal": "新目标"}, headers=headers
    )
    assert response.status_code == 200
    assert challenge.goal == "新目标"


def test_a_stale_version_is_409_and_writes_nothing(api, firm_a, token_for, make_challenge):
    challenge = make_challenge(firm_a.organization)
    url, secret = f"/api/v1/challenges/{challenge.id}", token_for(firm_a)
    first = api.patch(url, secret, json={"version": challenge.version, "title": "第一次"})
    assert first.status_code == 200
    second = api.patch(url, secret, json={"version": challenge.version - 1, "title": "第二次"})
    assert second.status_code == 409
    assert second.get_json()["error"]["code"] == "version_conflict"
    assert challenge.title == "第一次"


def test_a_missing_version_is_428(api, firm_a, token_for, make_challenge):
    challenge = make_challenge(firm_a.organization)
    response = api.patch(f"/api/v1/challenges/{challenge.id}", token_for(firm_a), json={"title": "无版本"})
    assert response.status_code == 428
    assert challenge.title != "无版本"


def test_only_the_owner_updates(api, firm_b, organiser, token_for, firm_a, make_challenge):
    challenge = make_challenge(firm_a.organization)
    url, change = f"/api/v1/challenges/{challenge.id}", {"version": challenge.version, "title": "别人改的"}
    assert api.patch(url, token_for(firm_b), json=change).status_code == 403
    assert api.patch(url, token_for(organiser), json=change).status_code == 403
    assert challenge.title != "别人改的"


def test_update_validates_like_the_web_form(api, firm_a, token_for, make_challenge):
    challenge = make_challenge(firm_a.organization)
    change = {"version": challenge.version, "deadline": date.today().isoformat()}
    response = api.patch(f"/api/v1/challenges/{challenge.id}", token_for(firm_a), json=change)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["deadline"] == ["需求时限应晚于今天。"]


def test_status_moves_through_the_lifecycle(api, firm_a, token_for, make_challenge):
    draft = make_challenge(firm_a.organization, status=ChallengeStatus.DRAFT)
    url, secret = f"/api/v1/challenges/{draft.id}", token_for(firm_a)
    published = api.patch(url, secret, json={"version": draft.version, "status": "published"})
    assert published.status_code == 200 and draft.status == ChallengeStatus.PUBLISHED
    withdrawn = api.patch(url, secret, json={"version": draft.version, "status": "withdrawn"})
    assert withdrawn.get_json()["status"] == "withdrawn"
    refused = api.patch(url, secret, json={"version": draft.version, "status": "published"})
    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "invalid_transition"
    assert draft.status == ChallengeStatus.WITHDRAWN


def test_the_version_returned_by_a_write_is_good_for_the_next_write(api, firm_a, token_for, chains):
    secret = token_for(firm_a)
    created = api.post("/api/v1/challenges", secret, json=COMPLETE).get_json()
    response = api.patch(
        f"/api/v1/challenges/{created['id']}", secret, json={"version": created["version"], "goal": "g"}
    )
    assert response.status_code == 200


def test_publishing_a_draft_checks_its_fields(api, firm_a, token_for, make_challenge):
    draft = make_challenge(firm_a.organization, status=ChallengeStatus.DRAFT, goal="")
    response = api.patch(
        f"/api/v1/challenges/{draft.id}", token_for(firm_a), json={"version": 1, "status": "published"}
    )
    assert response.status_code == 422
    assert "goal" in response.get_json()["error"]["fields"]
    assert draft.status == ChallengeStatus.DRAFT


def test_a_challenge_under_review_cannot_be_edited(api, firm_a, token_for, make_challenge):
    challenge = make_challenge(firm_a.organization, status=ChallengeStatus.IN_REVIEW)
    response = api.patch(f"/api/v1/challenges/{challenge.id}", token_for(firm_a), json={"version": 1, "title": "改"})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "not_editable"
