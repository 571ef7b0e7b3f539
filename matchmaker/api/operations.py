"""Creating, revoking and touching API tokens. Callers commit."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.api.queries import count_live, hash_secret
from matchmaker.extensions import db
from matchmaker.models import ApiToken, User

SECRET_PREFIX = "mm_"
MAX_LIVE_TOKENS = 10
PREFIX_LENGTH = 10  # "mm_" and 7 random characters: enough to tell tokens apart, useless to an attacker
TOUCH_INTERVAL = timedelta(minutes=1)


class TokenError(Exception):
    """A refused token action; the message is shown to the user."""


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def create_token(user: User, name: str) -> IssuedToken:
    if count_live(user) >= MAX_LIVE_TOKENS:
        raise TokenError(_("每个账号最多 %(n)d 个有效令牌，请先撤销不用的令牌。", n=MAX_LIVE_TOKENS))
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), token_hash=hash_secret(secret), prefix=secret[:PREFIX_LENGTH])
    db.session.add(token)
    db.session.flush()
    audit.record("api_token.created", token, actor=user, name=token.name, prefix=token.prefix)
    return IssuedToken(token=token, secret=secret)


def revoke_token(token: ApiToken, user: User) -> None:
    if token.revoked_at is not None:
        raise TokenError(_("该令牌已撤销。"))
    token.revoked_at = datetime.now(UTC)
    audit.record("api_token.revoked", token, actor=user, name=token.name, prefix=token.prefix)


def touch(token: ApiToken, now: datetime | None = None) -> bool:
    """Record use at most once per TOUCH_INTERVAL, so busy clients do not write on every request.
    Returns whether anything changed."""
    now = now or datetime.now(UTC)
    last = token.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite hands back naive UTC datetimes
        last = last.replace(tzinfo=UTC)
    if last is not None and now - last < TOUCH_INTERVAL:
        return False
    token.last_used_at = now
    return True
