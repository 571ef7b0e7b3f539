import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import AuditLog, Role, User
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


def test_account_locks_after_repeated_failures_even_with_the_right_password(app, client, make_user):
    user = make_user(Role.FIRM)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        login(client, user, "wrong-password")
    response = login(client, user)
    assert response.status_code == 200
    assert "暂时锁定" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "user.locked")) is not None


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
