"""Bearer authentication: the token decides who calls; the cookie session never does."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db as _db
from matchmaker.models import AuditLog, ChallengeStatus

NEW = {"title": "激光熔覆涂层开裂", "chains": ["equipment"], "problem": "涂层在热循环下开裂。"}


def test_reads_of_public_data_need_no_token(api, chains):
    assert api.get("/api/v1/chains").status_code == 200
    assert api.get("/api/v1/challenges").status_code == 200


def test_writes_without_a_token_are_401_with_a_bearer_challenge(api, chains):
    response = api.post("/api/v1/challenges", json=NEW)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_a_valid_token_acts_as_its_user(api, firm_a, token_for, chains):
    response = api.post("/api/v1/challenges", token_for(firm_a), json=NEW)
    assert response.status_code == 201
    assert response.get_json()["organization"]["id"] == firm_a.organization_id


@pytest.mark.parametrize(
    "header", ["Bearer mm_not-a-real-token", "Bearer ", "Basic dXNlcjpwYXNz", "mm_no-scheme", "Bearer"]
)
def test_bad_credentials_are_refused_even_on_reads(api, chains, header):
    response = api.get("/api/v1/chains", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_token"


def test_an_inactive_users_token_fails(api, firm_a, token_for, chains):
    secret = token_for(firm_a)
    firm_a.active = False
    _db.session.commit()
    assert api.get("/api/v1/chains", secret).status_code == 401
    assert api.post("/api/v1/challenges", secret, json=NEW).status_code == 401


def test_a_cookie_session_alone_cannot_write(api, login_as, firm_a, chains, make_challenge):
    login_as(firm_a)
    assert api.post("/api/v1/challenges", json=NEW).status_code == 401
    mine = make_challenge(firm_a.organization)
    patch = api.patch(f"/api/v1/challenges/{mine.id}", json={"version": mine.version, "title": "改"})
    assert patch.status_code == 401
    assert mine.title != "改"


def test_a_cookie_session_does_not_unlock_drafts_either(api, login_as, firm_a, make_challenge):
    draft = make_challenge(firm_a.organization, status=ChallengeStatus.DRAFT)
    login_as(firm_a)
    assert api.get(f"/api/v1/challenges/{draft.id}").status_code == 404


def test_api_writes_need_no_csrf_token(app, api, firm_a, token_for, chains, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert api.post("/api/v1/challenges", token_for(firm_a), json=NEW).status_code == 201


def test_the_role_must_fit_the_write(api, team, firm_a, token_for, chains):
    response = api.post("/api/v1/challenges", token_for(team), json=NEW)
    assert response.status_code == 403
    assert api.post("/api/v1/capabilities", token_for(firm_a), json={}).status_code == 403


def test_writes_are_attributed_to_the_tokens_user(api, firm_a, token_for, chains):
    created = api.post("/api/v1/challenges", token_for(firm_a), json=NEW).get_json()
    actors = _db.session.scalars(
        sa.select(AuditLog.actor_id).where(AuditLog.entity_type == "Challenge", AuditLog.entity_id == created["id"])
    ).all()
    assert actors and set(actors) == {firm_a.id}
