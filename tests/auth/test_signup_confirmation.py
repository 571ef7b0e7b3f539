"""Sign-up by e-mail confirmation (issue 13): the answer never tells whether an e-mail is
registered; the e-mailed link creates the account once, expires, and cannot be forged."""

import logging
import re
import time

import sqlalchemy as sa
from itsdangerous import URLSafeTimedSerializer
from itsdangerous.timed import TimestampSigner

from matchmaker.auth.confirmation import SALT
from matchmaker.auth.tasks import send_account_email
from matchmaker.extensions import db
from matchmaker.models import Organization, OrgKind, PendingSignup, Role, User
from tests.auth.mailbox import account_emails, confirmation_path
from tests.auth.test_signup import form

CSRF = re.compile(r'name="csrf_token" type="hidden" value="[^"]*"')


def _answer(client, data):
    response = client.post("/signup", data=data)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    return response.status_code, response.headers["Location"], CSRF.sub("", page)


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_new_and_taken_e_mails_get_the_same_answer(client, chains, make_user):
    owner = make_user(Role.FIRM, email="taken@example.cn")
    hash_before, orgs_before = owner.password_hash, _count(Organization)

    new = _answer(client, form(email="new@example.cn"))
    taken = _answer(client, form(email="taken@example.cn"))
    assert new == taken
    assert new[0] == 302 and "我们已向该邮箱发送确认邮件" in new[2]

    # Each mailbox learns what applies to it; for the taken one nothing else changes.
    assert "/signup/confirm/" in account_emails("new@example.cn")[0]["body"]
    (notice,) = account_emails("taken@example.cn")
    assert notice["subject"] == "有人尝试使用您的邮箱注册" and "/login" in notice["body"]
    assert "/signup/confirm/" not in notice["body"]
    assert db.session.get(User, owner.id).password_hash == hash_before
    assert _count(Organization) == orgs_before
    assert db.session.scalar(sa.select(PendingSignup).where(PendingSignup.email == "taken@example.cn")) is None


def test_the_link_creates_the_account_signs_in_and_works_once(client, chains):
    client.post("/signup", data=form())
    link = confirmation_path("chen@example.cn")

    response = client.get(link)
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "chen@example.cn"))
    assert user.check_password("a-long-password") and user.organization.kind == OrgKind.FIRM
    assert "等待组织方审核" in client.get("/").get_data(as_text=True)  # signed in
    assert _count(PendingSignup) == 0

    client.post("/logout")
    again = client.get(link)
    assert again.status_code == 400
    assert "该确认链接已使用过或已失效" in again.get_data(as_text=True)
    assert _count(User) == 1 and _count(Organization) == 1


def test_an_expired_link_is_refused_and_a_fresh_one_can_be_sent(client, chains, monkeypatch):
    client.post("/signup", data=form())
    link = confirmation_path("chen@example.cn")
    later = int(time.time()) + 49 * 3600  # the link lives 48 hours (SIGNUP_CONFIRM_HOURS)
    with monkeypatch.context() as m:
        m.setattr(TimestampSigner, "get_timestamp", lambda self: later)
        response = client.get(link)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "确认链接已过期" in page
    assert 'action="/signup/resend"' in page
    assert db.session.scalar(sa.select(User).where(User.email == "chen@example.cn")) is None

    client.post("/signup/resend", data={"email": "chen@example.cn"})
    fresh = confirmation_path("chen@example.cn")
    assert len(account_emails("chen@example.cn")) == 2
    assert client.get(fresh).status_code == 302
    assert db.session.scalar(sa.select(User).where(User.email == "chen@example.cn"))


def test_forged_links_are_refused(client, chains, app):
    client.post("/signup", data=form())
    link = confirmation_path("chen@example.cn")
    pending = db.session.scalar(sa.select(PendingSignup))
    other_key = URLSafeTimedSerializer("not-the-secret", salt=SALT).dumps({"p": pending.id, "e": pending.email})
    wrong_salt = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="other").dumps({"p": pending.id, "e": "x"})
    for forged in (
        link[:-3] + "AAA",
        f"/signup/confirm/{other_key}",
        f"/signup/confirm/{wrong_salt}",
        "/signup/confirm/x",
    ):
        response = client.get(forged)
        assert response.status_code == 400, forged
        assert "确认链接无效" in response.get_data(as_text=True)
    assert _count(User) == 0


def test_unconfirmed_sign_up_cannot_sign_in_and_says_so_only_with_its_password(client, chains):
    client.post("/signup", data=form())
    right = client.post("/login", data={"email": "chen@example.cn", "password": "a-long-password"})
    assert right.status_code == 200
    page = right.get_data(as_text=True)
    assert "注册尚未完成" in page and "/signup/resend" in page
    # A wrong password, or an address never seen, gets the ordinary answer.
    wrong = client.post("/login", data={"email": "chen@example.cn", "password": "not-the-password"})
    unknown = client.post("/login", data={"email": "nobody@example.cn", "password": "a-long-password"})
    for response in (wrong, unknown):
        text = response.get_data(as_text=True)
        assert "邮箱或密码不正确" in text and "注册尚未完成" not in text
    assert "等待组织方审核" not in client.get("/").get_data(as_text=True)


def test_resend_answers_alike_and_sends_only_for_a_pending_sign_up(client, chains, make_user):
    make_user(Role.FIRM, email="taken@example.cn")
    client.post("/signup", data=form())
    answers = set()
    for email in ("chen@example.cn", "taken@example.cn", "nobody@example.cn"):
        response = client.post("/signup/resend", data={"email": email})
        answers.add((response.status_code, response.headers["Location"]))
    assert answers == {(302, "/signup/sent")}
    assert len(account_emails("chen@example.cn")) == 2
    assert account_emails("taken@example.cn") == account_emails("nobody@example.cn") == []


def test_the_first_confirmed_of_two_sign_ups_wins(client, chains):
    client.post("/signup", data=form())
    first = confirmation_path("chen@example.cn")
    client.post(
        "/signup", data=form(name="另一个人", password="another-long-password", confirm="another-long-password")
    )
    second = confirmation_path("chen@example.cn")
    assert client.get(second).status_code == 302
    assert db.session.scalar(sa.select(User).where(User.email == "chen@example.cn")).name == "另一个人"
    assert client.get(first).status_code == 400
    assert _count(User) == 1


def test_an_organisation_registered_meanwhile_is_refused_at_confirmation(client, chains, make_user):
    client.post("/signup", data=form())
    link = confirmation_path("chen@example.cn")
    rival = make_user(Role.FIRM)
    db.session.get(Organization, rival.organization_id).name = "山东测试精工有限公司"
    db.session.commit()
    response = client.get(link)
    assert response.status_code == 400 and "该单位名称已注册" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(User).where(User.email == "chen@example.cn")) is None


def test_without_mail_server_the_e_mail_and_its_link_are_logged(client, chains, caplog):
    client.post("/signup", data=form())
    (mail,) = account_emails("chen@example.cn")
    with caplog.at_level(logging.WARNING):
        send_account_email.apply(kwargs=mail)  # what the outbox runs after the commit
    assert "chen@example.cn" in caplog.text and confirmation_path("chen@example.cn") in caplog.text


def test_sign_up_and_resend_are_rate_limited(other_app):
    from tests.conftest import _reset_schema

    app = other_app(RATELIMIT_ENABLED=True)
    _reset_schema(app)
    client = app.test_client()
    # Incomplete forms: only the limiter decides (10 sign-ups, 5 resends an hour per address).
    assert [client.post("/signup", data={}).status_code for _ in range(11)] == [200] * 10 + [429]
    assert [client.post("/signup/resend", data={}).status_code for _ in range(6)] == [200] * 5 + [429]
