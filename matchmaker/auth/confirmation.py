"""Sign-up confirmation: signed, expiring links and the account e-mails that carry them.

The link names one pending sign-up (matchmaker/models/pending_signup.py) and is signed with
SECRET_KEY (itsdangerous); it expires after SIGNUP_CONFIRM_HOURS and works once, because
confirming deletes the pending row. E-mails go through the outbox like every other e-mail: the
outbox row keeps the whole message, and without MAIL_SERVER the message is logged.
"""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext as _
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from matchmaker.background.outbox import enqueue
from matchmaker.extensions import db
from matchmaker.models import PendingSignup, User

SALT = "signup-confirm"
EMAIL_TASK = "matchmaker.auth.tasks.send_account_email"


class LinkError(Exception):
    """A confirmation link that cannot be used, with a message fit for the user."""


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(pending: PendingSignup) -> str:
    return _serializer().dumps({"p": pending.id, "e": pending.email})


def read_token(token: str) -> PendingSignup:
    """The pending sign-up a link names, or LinkError saying why the link is no good."""
    hours = current_app.config["SIGNUP_CONFIRM_HOURS"]
    try:
        data = _serializer().loads(token, max_age=hours * 3600)
    except SignatureExpired as error:
        raise LinkError(_("确认链接已过期（有效期 %(hours)d 小时），请重新发送确认邮件。", hours=hours)) from error
    except BadData as error:
        raise LinkError(_("确认链接无效，请检查链接是否完整，或重新发送确认邮件。")) from error
    pending = db.session.get(PendingSignup, data.get("p")) if isinstance(data, dict) else None
    if pending is None or pending.email != data.get("e"):
        raise LinkError(_("该确认链接已使用过或已失效。如已完成注册，请直接登录；否则请重新发送确认邮件。"))
    return pending


def _link(endpoint: str, **values: str) -> str:
    # PUBLIC_URL, as in notification e-mails: the task may run outside any request.
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for(endpoint, **values)


def _send(to: str, subject: str, body: str) -> None:
    enqueue(EMAIL_TASK, to=to, subject=subject, body=body)


def send_confirmation(pending: PendingSignup) -> None:
    hours = current_app.config["SIGNUP_CONFIRM_HOURS"]
    body = _(
        "%(name)s，您好：\n\n"
        "您正在产学研精准对接平台注册单位账号（单位：%(org)s）。请在 %(hours)d 小时内点击下面的链接确认邮箱，"
        "确认后即完成注册并自动登录：\n\n%(link)s\n\n"
        "如果这不是您本人的操作，请忽略本邮件，不会创建任何账号。",
        name=pending.name,
        org=pending.org_name,
        hours=hours,
        link=_link("auth.confirm_signup", token=make_token(pending)),
    )
    _send(pending.email, _("请确认您的注册邮箱"), body)


def send_already_registered(user: User) -> None:
    """To the owner of a taken address: someone tried to sign up with it; nothing else changes."""
    body = _(
        "%(name)s，您好：\n\n"
        "有人刚刚使用您的邮箱在产学研精准对接平台提交了注册。该邮箱已有账号，因此没有创建新账号，"
        "您的账号也没有任何变化。\n\n"
        "如果是您本人：请直接登录：%(login)s\n"
        "忘记密码可联系平台组织方重置。\n\n"
        "如果不是您本人，请忽略本邮件。",
        name=user.name,
        login=_link("auth.login"),
    )
    _send(user.email, _("有人尝试使用您的邮箱注册"), body)
