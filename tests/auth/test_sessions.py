"""Sessions end when they should: password change, sign-out, deactivation, an organiser's reset
(issue 13 item 13), and 保持登录 keeps a restored session (item 10)."""

from __future__ import annotations

from flask.testing import FlaskClient

from matchmaker.api import operations as tokens
from matchmaker.models import Role
from tests.conftest import PASSWORD

MINE = "/challenges/mine"  # any page that needs a signed-in firm user
NEW_PASSWORD = "Quartz-lantern-river-42"


def _signed_in(client: FlaskClient) -> bool:
    # A new app context, as every real request has: nothing cached from an earlier request
    # (flask-login keeps the user on `g`) may stand in for what this request's cookies say.
    with client.application.app_context():
        response = client.get(MINE)
    return response.status_code == 200


def _sign_in(app, user, remember: bool = False) -> FlaskClient:
    client = app.test_client()
    data = {"email": user.email, "password": PASSWORD} | ({"remember": "y"} if remember else {})
    assert client.post("/login", data=data).status_code == 302
    return client


def _with_cookie(app, name: str, value: str) -> FlaskClient:
    fresh = app.test_client()
    fresh.set_cookie(name, value, domain="localhost")
    return fresh


def _change_password(client: FlaskClient):
    return client.post(
        "/account/password", data={"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )


def test_remembered_session_survives_its_next_requests(app, db, firm):
    remembered = _sign_in(app, firm, remember=True).get_cookie("remember_token").value
    fresh = _with_cookie(app, "remember_token", remembered)
    # The first request restores the session from the cookie; the ones after must keep it.
    assert [_signed_in(fresh) for _ in range(3)] == [True, True, True]


def test_password_change_ends_other_sessions_and_remember_cookies_but_not_this_one(app, db, firm):
    here = _sign_in(app, firm, remember=True)
    elsewhere = _sign_in(app, firm)
    remembered = here.get_cookie("remember_token").value
    assert _signed_in(elsewhere)
    assert _change_password(here).status_code == 302
    assert _signed_in(here)
    assert not _signed_in(elsewhere)
    assert not _signed_in(_with_cookie(app, "remember_token", remembered))


def test_password_change_revokes_api_tokens_and_says_so(app, db, firm):
    issued = tokens.create_token(firm, "ERP")
    db.session.commit()
    api = app.test_client()
    auth = {"Authorization": f"Bearer {issued.secret}"}
    assert api.get("/api/v1/chains", headers=auth).status_code == 200
    here = _sign_in(app, firm)
    assert "API 令牌也会被撤销" in here.get("/account/password").get_data(as_text=True)
    page = here.get(_change_password(here).headers["Location"]).get_data(as_text=True)
    assert "已撤销 1 个 API 令牌" in page
    assert api.get("/api/v1/chains", headers=auth).status_code == 401


def test_a_session_or_remember_cookie_saved_before_sign_out_is_dead_after_it(app, db, firm):
    client = _sign_in(app, firm, remember=True)
    saved_session = client.get_cookie("session").value
    saved_remember = client.get_cookie("remember_token").value
    assert client.post("/logout").status_code == 302
    assert not _signed_in(_with_cookie(app, "session", saved_session))
    assert not _signed_in(_with_cookie(app, "remember_token", saved_remember))
    # Signing in again works as before.
    assert _signed_in(_sign_in(app, firm))


def test_sessions_do_not_come_back_after_reactivation(app, db, firm, organiser):
    client = _sign_in(app, firm, remember=True)
    remembered = client.get_cookie("remember_token").value
    boss = _sign_in(app, organiser)
    for active in ("0", "1"):
        assert boss.post(f"/organiser/users/{firm.id}/active", data={"active": active}).status_code == 302
    assert db.session.get(type(firm), firm.id).active
    assert not _signed_in(client)
    assert not _signed_in(_with_cookie(app, "remember_token", remembered))


def test_organiser_reset_ends_every_session_and_token(app, db, firm, organiser):
    client = _sign_in(app, firm)
    issued = tokens.create_token(firm, "ERP")
    db.session.commit()
    boss = _sign_in(app, organiser)
    assert "强制退出登录" in boss.get("/organiser/users").get_data(as_text=True)
    assert boss.post(f"/organiser/users/{firm.id}/sign-out").status_code == 302
    assert not _signed_in(client)
    headers = {"Authorization": f"Bearer {issued.secret}"}
    assert app.test_client().get("/api/v1/chains", headers=headers).status_code == 401


def test_only_organisers_reset_sessions(app, db, firm, make_user):
    other = make_user(Role.FIRM)
    client = _sign_in(app, firm)
    assert client.post(f"/organiser/users/{other.id}/sign-out").status_code == 403


def test_password_page_offers_sign_out_everywhere(app, db, firm):
    page = _sign_in(app, firm).get("/account/password").get_data(as_text=True)
    assert "在所有设备上退出登录" in page and 'action="/logout"' in page
