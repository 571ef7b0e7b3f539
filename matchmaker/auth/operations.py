"""Sign-in, sign-up and its confirmation, password change and ending sessions. Callers commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

from matchmaker import audit
from matchmaker.auth import confirmation
from matchmaker.extensions import db
from matchmaker.models import ApiToken, Chain, Organization, OrgKind, PendingSignup, Role, User

# Compared against when the e-mail is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AuthError(Exception):
    """A refusal with a message fit for the user."""


def authenticate(email: str, password: str) -> User:
    """The user with this e-mail and password, or AuthError with the same message either way.

    No lock-out: repeated failures are slowed down by the sign-in view's limits (per address,
    per account and address, per account), which answer alike for known and unknown e-mails."""
    email = email.strip().lower()
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        # A sign-up not yet confirmed is named only to whoever knows its password.
        pending = _latest_pending(email)
        matches = check_password_hash(pending.password_hash if pending else _DUMMY_HASH, password)
        if pending is not None and matches:
            raise AuthError(_("注册尚未完成：请点击确认邮件中的链接。没有收到邮件？可在下方重新发送确认邮件。"))
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


# Unconfirmed sign-ups are forgotten after this long (their links expire much sooner).
PENDING_KEEP = timedelta(days=7)


def sign_up(data: Signup) -> None:
    """Record a sign-up and e-mail the address; the outcome is the same whether the address has an
    account or not, so the answer reveals nothing (issue 13).

    A new address gets a confirmation link (the account is made when it is followed); the owner of
    a taken address is told that someone tried, and nothing else changes. Only the organisation
    can be refused here, which does not depend on the e-mail."""
    email = data.email.strip().lower()
    # Hashed on both paths, so a taken address answers as slowly as a new one.
    password_hash = generate_password_hash(data.password)
    _check_organization_free(data.credit_code, data.org_name)
    _forget_stale_signups()
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is not None:
        if user.active:
            confirmation.send_already_registered(user)
        return
    pending = PendingSignup(
        email=email,
        name=data.name.strip(),
        password_hash=password_hash,
        kind=OrgKind(data.kind).value,
        org_name=data.org_name.strip(),
        credit_code=data.credit_code,
        city=data.city,
        chain_codes=list(data.chain_codes),
    )
    db.session.add(pending)
    db.session.flush()
    confirmation.send_confirmation(pending)


def resend_confirmation(email: str) -> None:
    """E-mail a fresh link for the address's latest pending sign-up, if it has one; silent
    otherwise (the page answers the same either way)."""
    _forget_stale_signups()
    pending = _latest_pending(email.strip().lower())
    if pending is not None:
        confirmation.send_confirmation(pending)


def confirm_signup(token: str) -> User:
    """Follow a confirmation link: create the organisation (pending an organiser's review) and its
    first user, and forget the address's other pending sign-ups. LinkError or AuthError if not."""
    pending = confirmation.read_token(token)
    # Claim the row first: of two clicks at once, only one deletes it and goes on.
    claimed = db.session.execute(sa.delete(PendingSignup).where(PendingSignup.id == pending.id)).rowcount
    if not claimed or db.session.scalar(sa.select(User.id).where(User.email == pending.email)):
        raise confirmation.LinkError(
            _("该确认链接已使用过或已失效。如已完成注册，请直接登录；否则请重新发送确认邮件。")
        )
    _check_organization_free(pending.credit_code, pending.org_name)  # someone may have registered it since
    kind = OrgKind(pending.kind)
    chains = db.session.scalars(sa.select(Chain).where(Chain.code.in_(pending.chain_codes), Chain.active)).all()
    org = Organization(
        kind=kind, name=pending.org_name, credit_code=pending.credit_code, city=pending.city, chains=list(chains)
    )
    user = User(
        organization=org,
        email=pending.email,
        name=pending.name,
        role=Role.FIRM if kind == OrgKind.FIRM else Role.TEAM,
        password_hash=pending.password_hash,
        last_login_at=datetime.now(UTC),
    )
    db.session.add_all([org, user])
    db.session.execute(sa.delete(PendingSignup).where(PendingSignup.email == pending.email))
    db.session.flush()
    audit.record("organization.signed_up", org, actor=user)
    return user


def _check_organization_free(credit_code: str, org_name: str) -> None:
    if db.session.scalar(sa.select(Organization.id).where(Organization.credit_code == credit_code)):
        raise AuthError(_("该统一社会信用代码已注册，请联系本单位已有账号或平台组织方。"))
    if db.session.scalar(sa.select(Organization.id).where(Organization.name == org_name.strip())):
        raise AuthError(_("该单位名称已注册，请联系本单位已有账号或平台组织方。"))


def _latest_pending(email: str) -> PendingSignup | None:
    return db.session.scalar(
        sa.select(PendingSignup)
        .where(PendingSignup.email == email)
        .order_by(PendingSignup.created_at.desc(), PendingSignup.id.desc())
        .limit(1)
    )


def _forget_stale_signups() -> None:
    cutoff = datetime.now(UTC) - PENDING_KEEP
    db.session.execute(sa.delete(PendingSignup).where(PendingSignup.created_at < cutoff))


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
