"""The API token page: create (secret shown once, only its hash stored), list, revoke, limits, audit."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from matchmaker.api import operations
from matchmaker.extensions import db as _db
from matchmaker.models import ApiToken, AuditLog

SECRET = re.compile(r"mm_[A-Za-z0-9_\-]{40,}")


def _tokens(user) -> list[ApiToken]:
    return list(_db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id)))


def test_create_shows_the_secret_once_and_stores_only_its_hash(client, login_as, firm_a):
    login_as(firm_a)
    response = client.post("/account/api-tokens", data={"name": "ERP 同步"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    secrets_shown = SECRET.findall(response.get_data(as_text=True))
    assert len(secrets_shown) == 1
    secret = secrets_shown[0]

    [token] = _tokens(firm_a)
    assert token.name == "ERP 同步"
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in (token.token_hash, token.prefix)
    assert secret.startswith(token.prefix) and len(token.prefix) < 12

    later = client.get("/account/api-tokens").get_data(as_text=True)
    assert secret not in later and SECRET.search(later) is None
    assert "ERP 同步" in later and token.prefix in later


def test_name_is_required_and_nothing_is_created_without_it(client, login_as, firm_a):
    login_as(firm_a)
    page = client.post("/account/api-tokens", data={"name": "  "}).get_data(as_text=True)
    assert "请填写令牌名称" in page
    assert _tokens(firm_a) == []


def test_at_most_ten_live_tokens(client, login_as, firm_a, token_for):
    for n in range(operations.MAX_LIVE_TOKENS):
        token_for(firm_a, f"t{n}")
    login_as(firm_a)
    page = client.post("/account/api-tokens", data={"name": "第十一个"}).get_data(as_text=True)
    assert "最多 10 个有效令牌" in page
    assert len(_tokens(firm_a)) == operations.MAX_LIVE_TOKENS

    operations.revoke_token(_tokens(firm_a)[0], firm_a)
    _db.session.commit()
    assert SECRET.search(client.post("/account/api-tokens", data={"name": "替换"}).get_data(as_text=True))


def test_revoke_stops_the_token_at_once(client, login_as, firm_a, token_for, api):
    secret = token_for(firm_a)
    assert api.post("/api/v1/challenges", secret, json={}).status_code == 422  # authenticated
    [token] = _tokens(firm_a)
    login_as(firm_a)
    response = client.post(f"/account/api-tokens/{token.id}/revoke")
    assert response.status_code == 302
    assert token.revoked_at is not None
    assert "已撤销" in client.get("/account/api-tokens").get_data(as_text=True)
    assert api.post("/api/v1/challenges", secret, json={}).status_code == 401
    assert api.get("/api/v1/chains", secret).status_code == 401


def test_another_users_token_cannot_be_revoked(client, login_as, firm_a, firm_b, token_for):
    token_for(firm_a)
    [token] = _tokens(firm_a)
    login_as(firm_b)
    assert client.post(f"/account/api-tokens/{token.id}/revoke").status_code == 404
    assert token.revoked_at is None


def test_creation_and_revocation_are_audited_without_the_secret(client, login_as, firm_a):
    login_as(firm_a)
    secret = SECRET.search(client.post("/account/api-tokens", data={"name": "审计"}).get_data(as_text=True))[0]
    [token] = _tokens(firm_a)
    client.post(f"/account/api-tokens/{token.id}/revoke")
    entries = _db.session.scalars(
        sa.select(AuditLog).where(AuditLog.entity_type == "ApiToken", AuditLog.entity_id == token.id)
    ).all()
    assert sorted(e.action for e in entries) == ["api_token.created", "api_token.revoked"]
    assert all(e.actor_id == firm_a.id and secret not in str(e.detail) for e in entries)


def test_the_form_needs_its_csrf_token(app, client, login_as, firm_a, monkeypatch):
    login_as(firm_a)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post("/account/api-tokens", data={"name": "x"}).status_code == 400
    assert _tokens(firm_a) == []


def test_last_used_is_recorded_at_most_once_a_minute(api, firm_a, token_for):
    secret = token_for(firm_a)
    [token] = _tokens(firm_a)
    assert token.last_used_at is None
    api.get("/api/v1/chains", secret)
    first = token.last_used_at
    assert first is not None
    api.get("/api/v1/chains", secret)
    assert token.last_used_at == first

    now = datetime.now(UTC)
    assert operations.touch(token, now + timedelta(seconds=30)) is False
    assert operations.touch(token, now + timedelta(minutes=2)) is True


def test_the_user_menu_links_the_page(client, login_as, firm_a):
    login_as(firm_a)
    assert 'href="/account/api-tokens"' in client.get("/").get_data(as_text=True)
