"""The smaller holes of issue 13 item 17 (NUL bytes are in test_bad_input.py, the sign-in
throttle in tests/auth/test_login.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import Organization, OrgKind, Role, User
from matchmaker.organizations.credit_code import fictional
from matchmaker.redirects import is_local_path
from tests.conftest import PASSWORD, _reset_schema

OFF_SITE = ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example", "https://evil.example/"]
OFF_SITE += ["/\r/x"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_redirect_targets_that_browsers_read_as_another_site_are_refused(target):
    assert not is_local_path(target)


def test_local_paths_are_kept():
    assert is_local_path("/key-problems/manage/2026?chain=equipment&page=2")


@pytest.mark.parametrize("target", OFF_SITE)
def test_yearly_list_next_url_stays_on_the_site(client, login_as, organiser, firm, make_challenge, target):
    from matchmaker.models import KeyProblemList

    db.session.add(KeyProblemList(year=2026, target=100, title="2026年度榜单"))
    db.session.commit()
    challenge = make_challenge(firm.organization)
    login_as(organiser)
    response = client.post("/key-problems/manage/2026/entries", data={"challenge_id": challenge.id, "next_url": target})
    assert response.headers["Location"].endswith("/key-problems/manage/2026")


@pytest.mark.parametrize("target", OFF_SITE)
def test_sign_in_next_stays_on_the_site(client, firm, target):
    response = client.post("/login", query_string={"next": target}, data={"email": firm.email, "password": PASSWORD})
    assert response.headers["Location"] in ("/", "http://localhost/")


def test_api_write_limit_counts_the_token_however_the_header_is_spelt(other_app):
    from matchmaker.api.operations import create_token

    app = other_app(RATELIMIT_ENABLED=True, API_WRITE_RATE_LIMIT="2 per minute")
    _reset_schema(app)
    with app.app_context():
        org = Organization(kind=OrgKind.FIRM, name="限流企业", city="济南市", verified_at=sa.func.now())
        user = User(organization=org, email="api@example.cn", name="限流", role=Role.FIRM)
        user.set_password(PASSWORD)
        db.session.add_all([org, user])
        secret = create_token(user, "一").secret
        db.session.commit()
    client = app.test_client()
    spellings = [f"Bearer {secret}", f"bearer {secret}", f"BEARER  {secret} ", f"Bearer {secret}"]
    codes = [client.post("/api/v1/challenges", json={}, headers={"Authorization": h}).status_code for h in spellings]
    assert codes == [422, 422, 429, 429]


def test_a_huge_access_request_reason_does_not_swell_the_session_cookie(client, login_as, team, firm, make_challenge):
    challenge = make_challenge(firm.organization)
    login_as(team)
    varied = "".join(chr(0x4E00 + (n * 7919) % 20_000) for n in range(20_000))  # compresses poorly
    response = client.post(f"/access/challenges/{challenge.id}/request", data={"reason": varied})
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("session="))
    assert len(cookie) < 4000
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "申请理由不超过300字" in page


def _signup(password: str, email: str = "zhao@example.cn") -> dict[str, object]:
    return {
        "kind": "firm",
        "org_name": "山东常见密码测试有限公司",
        "credit_code": fictional("common-password", "淄博市"),
        "city": "淄博市",
        "name": "赵工",
        "email": email,
        "password": password,
        "confirm": password,
    }


@pytest.mark.parametrize("password", ["password123", "1qaz2wsx3edc", "qwertyuiop", "woaini1314", "zhao@example.cn1"])
def test_common_or_guessable_passwords_are_refused_at_sign_up(client, chains, password):
    page = client.post("/signup", data=_signup(password)).get_data(as_text=True)
    assert "过于常见或容易被猜到" in page
    assert db.session.scalar(sa.select(User).where(User.email == "zhao@example.cn")) is None


def test_a_strong_password_signs_up(client, chains):
    assert client.post("/signup", data=_signup("Quartz-lantern-river-42")).status_code == 302


def test_common_passwords_are_refused_at_password_change(client, login_as, firm):
    login_as(firm)
    page = client.post(
        "/account/password", data={"current": PASSWORD, "password": "password1234", "confirm": "password1234"}
    ).get_data(as_text=True)
    assert "过于常见或容易被猜到" in page
    assert db.session.get(User, firm.id).check_password(PASSWORD)


def _status_enum(client, path: str, headers: dict[str, str] | None = None) -> list[str]:
    document = client.get("/api/v1/openapi.json", headers=headers or {}).get_json()
    return next(p for p in document["paths"][path]["get"]["parameters"] if p["name"] == "status")["schema"]["enum"]


def test_openapi_lists_only_the_statuses_each_caller_may_filter_by(client, firm, organiser):
    from matchmaker.api.operations import create_token

    firm_token = {"Authorization": f"Bearer {create_token(firm, 'f').secret}"}
    organiser_token = {"Authorization": f"Bearer {create_token(organiser, 'o').secret}"}
    db.session.commit()
    for headers in ({}, firm_token):
        assert "draft" not in _status_enum(client, "/challenges", headers)
        assert _status_enum(client, "/capabilities", headers) == ["published"]
        assert client.get("/api/v1/challenges?status=draft", headers=headers).status_code == 422
    assert "draft" in _status_enum(client, "/challenges", organiser_token)
    assert "draft" in _status_enum(client, "/capabilities", organiser_token)
    assert client.get("/api/v1/challenges?status=draft", headers=organiser_token).status_code == 200
