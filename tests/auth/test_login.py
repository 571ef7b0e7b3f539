import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import AuditLog, Organization, OrgKind, Role, User
from tests.conftest import PASSWORD, login


def test_sign_in_with_right_password(client, make_user):
    user = make_user(Role.FIRM)
    response = login(client, user)
    assert response.status_code == 302
    assert "您好" in client.get("/").get_data(as_text=True)


def test_wrong_password_is_refused_with_a_message_and_keeps_the_email(client, make_user):
    user = make_user(Role.FIRM)
    response = login(client, user, "wrong-password")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "邮箱或密码不正确" in page
    assert f'value="{user.email}"' in page


def test_unknown_email_gets_the_same_message(client):
    response = client.post("/login", data={"email": "nobody@example.cn", "password": "whatever-123"})
    assert "邮箱或密码不正确" in response.get_data(as_text=True)


def _throttled_app(other_app, **limits: str):
    from tests.conftest import _reset_schema

    app = other_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="100 per minute", **limits)
    _reset_schema(app)
    with app.app_context():
        org = Organization(kind=OrgKind.FIRM, name="限流企业", city="济南市")
        user = User(organization=org, email="known@example.cn", name="限流", role=Role.FIRM)
        user.set_password(PASSWORD)
        db.session.add_all([org, user])
        db.session.commit()
    return app


def _attempts(app, email: str, password: str, address: str, n: int = 1) -> list[int]:
    client = app.test_client()
    form = {"email": email, "password": password}
    return [client.post("/login", data=form, environ_base={"REMOTE_ADDR": address}).status_code for _ in range(n)]


def test_failures_slow_down_one_address_without_locking_the_account(other_app):
    app = _throttled_app(other_app, LOGIN_ACCOUNT_ADDRESS_LIMIT="3 per minute", LOGIN_ACCOUNT_LIMIT="50 per minute")
    # The attacker's address is slowed down, even with the right password ...
    assert _attempts(app, "known@example.cn", "wrong-password", "10.0.0.1", 3) == [200, 200, 200]
    assert _attempts(app, "known@example.cn", PASSWORD, "10.0.0.1") == [429]
    # ... but the account is not locked: its owner signs in from elsewhere.
    assert _attempts(app, "known@example.cn", PASSWORD, "10.0.0.2") == [302]
    with app.app_context():
        assert db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "user.locked")) is None


def test_the_throttle_answers_alike_for_unknown_e_mails(other_app):
    app = _throttled_app(other_app, LOGIN_ACCOUNT_ADDRESS_LIMIT="3 per minute", LOGIN_ACCOUNT_LIMIT="50 per minute")
    known = _attempts(app, "known@example.cn", "wrong-password", "10.0.0.1", 4)
    unknown = _attempts(app, "nobody@example.cn", "wrong-password", "10.0.0.1", 4)
    assert known == unknown == [200, 200, 200, 429]


def test_failures_from_many_addresses_slow_the_account_down(other_app):
    app = _throttled_app(other_app, LOGIN_ACCOUNT_ADDRESS_LIMIT="3 per minute", LOGIN_ACCOUNT_LIMIT="5 per minute")
    failures = [_attempts(app, "known@example.cn", "wrong-password", f"10.0.1.{n}")[0] for n in range(6)]
    assert failures == [200] * 5 + [429]


def test_successful_sign_ins_do_not_count(other_app):
    app = _throttled_app(other_app, LOGIN_ACCOUNT_ADDRESS_LIMIT="2 per minute", LOGIN_ACCOUNT_LIMIT="2 per minute")
    assert _attempts(app, "known@example.cn", PASSWORD, "10.0.0.1", 4) == [302] * 4


def test_deactivated_user_cannot_sign_in_and_is_signed_out(client, make_user):
    user = make_user(Role.FIRM)
    assert login(client, user).status_code == 302
    user.active = False
    db.session.commit()
    # The running session no longer counts: the next protected page asks to sign in.
    assert "/login" in client.get("/challenges/mine").headers["Location"]
    response = login(client, user)
    assert "已被停用" in response.get_data(as_text=True)


def test_password_is_stored_hashed(make_user):
    user = make_user(Role.FIRM)
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_next_parameter_cannot_redirect_off_site(client, make_user):
    user = make_user(Role.FIRM)
    response = client.post("/login?next=//evil.example/x", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] in ("/", "http://localhost/")


def test_next_parameter_keeps_a_local_path(client, make_user):
    user = make_user(Role.FIRM)
    response = client.post("/login?next=/challenges/mine", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/challenges/mine")


def test_change_password(client, make_user, login_as):
    user = make_user(Role.TEAM)
    login_as(user)
    bad = client.post(
        "/account/password",
        data={"current": "nope-nope-nope", "password": "new-password-1", "confirm": "new-password-1"},
    )
    assert "当前密码不正确" in bad.get_data(as_text=True)
    ok = client.post(
        "/account/password", data={"current": PASSWORD, "password": "new-password-1", "confirm": "new-password-1"}
    )
    assert ok.status_code == 302
    assert db.session.get(User, user.id).check_password("new-password-1")


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    user = make_user(Role.FIRM)
    response = login(client, user)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_forms_require_csrf_when_enabled(other_app):
    app = other_app(WTF_CSRF_ENABLED=True)
    with app.test_client() as client:
        response = client.post("/login", data={"email": "a@b.cn", "password": "x"})
    assert response.status_code == 400


def test_login_is_throttled_per_address(other_app):
    app = other_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    with app.test_client() as client:
        # An incomplete form never reaches the database, so only the limiter decides.
        codes = [client.post("/login", data={"email": "a@b.cn"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
