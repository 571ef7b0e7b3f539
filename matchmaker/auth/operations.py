"""Sign-in, sign-up, password change and ending sessions. Callers commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from werkzeug.security import generate_password_hash

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.models import ApiToken, Chain, Organization, OrgKind, Role, User

# Compared against when the e-mail is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AuthError(Exception):
    """A refusal with a message fit for the user."""


def authenticate(email: str, password: str) -> User:
    """The user with this e-mail and password, or AuthError with the same message either way.

    No lock-out: repeated failures are slowed down by the sign-in view's limits (per address,
    per account and address, per account), which answer alike for known and unknown e-mails."""
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None:
        User(password_hash=_DUMMY_HASH).check_password(password)
        raise AuthError(_("邮箱或密码不正确。"))
    if not user.check_password(password):
        raise AuthError(_("邮箱或密码不正确。"))  # nothing written: a miss costs the same for both
    if not user.active:
        raise AuthError(_("该账号已被停用，请联系平台组织方。"))
    user.last_login_at = datetime.now(UTC)
    return user


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


def change_password(user: User, current: str, new: str) -> int:
    """Set the new password, end every other session and revoke every API token.
    Returns how many tokens were revoked (the page says so)."""
    if not user.check_password(current):
        raise AuthError(_("当前密码不正确。"))
    user.set_password(new)
    user.end_all_sessions()
    revoked = revoke_all_tokens(user)
    audit.record("user.password_changed", user, actor=user, tokens_revoked=revoked)
    return revoked


def sign_out_everywhere(user: User, actor: User) -> None:
    """Every session and remember cookie of the user stops working (this one too)."""
    user.end_all_sessions()
    audit.record("user.signed_out_everywhere", user, actor=actor)


def revoke_all_tokens(user: User) -> int:
    result = db.session.execute(
        sa.update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount or 0
