"""Sign-in with per-account lock-out, sign-up, password change. Callers commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import generate_password_hash

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.models import Chain, Organization, OrgKind, Role, User

# Compared against when the e-mail is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AuthError(Exception):
    """A refusal with a message fit for the user."""


def authenticate(email: str, password: str) -> User:
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    now = datetime.now(UTC)
    if user is None:
        User(password_hash=_DUMMY_HASH).check_password(password)
        raise AuthError(_("邮箱或密码不正确。"))
    if user.locked_until is not None and _aware(user.locked_until) > now:
        raise AuthError(_("该账号因多次密码错误已被暂时锁定，请稍后再试。"))
    if not user.check_password(password):
        user.failed_logins += 1
        if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
            user.locked_until = now + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
            user.failed_logins = 0
            audit.record("user.locked", user, actor=user)
        raise AuthError(_("邮箱或密码不正确。"))
    if not user.active:
        raise AuthError(_("该账号已被停用，请联系平台组织方。"))
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    return user


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass
class Signup:
    kind: str
    org_name: str
    credit_code: str
    city: str
    chain_codes: list[str]
    name: str
    email: str
    password: str


def sign_up(data: Signup) -> User:
    """Create a pending organisation and its first user."""
    email = data.email.strip().lower()
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise AuthError(_("该邮箱已注册，请直接登录。"))
    if db.session.scalar(sa.select(Organization.id).where(Organization.credit_code == data.credit_code)):
        raise AuthError(_("该统一社会信用代码已注册，请联系本单位已有账号或平台组织方。"))
    if db.session.scalar(sa.select(Organization.id).where(Organization.name == data.org_name.strip())):
        raise AuthError(_("该单位名称已注册，请联系本单位已有账号或平台组织方。"))
    kind = OrgKind(data.kind)
    chains = db.session.scalars(sa.select(Chain).where(Chain.code.in_(data.chain_codes), Chain.active)).all()
    org = Organization(
        kind=kind, name=data.org_name.strip(), credit_code=data.credit_code, city=data.city, chains=list(chains)
    )
    user = User(
        organization=org,
        email=email,
        name=data.name.strip(),
        role=Role.FIRM if kind == OrgKind.FIRM else Role.TEAM,
    )
    user.set_password(data.password)
    db.session.add_all([org, user])
    db.session.flush()
    audit.record("organization.signed_up", org, actor=user)
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise AuthError(_("当前密码不正确。"))
    user.set_password(new)
    audit.record("user.password_changed", user, actor=user)
