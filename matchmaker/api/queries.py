"""Reads of API tokens."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import ApiToken, User


def hash_secret(secret: str) -> str:
    """Tokens are high-entropy random strings, so a plain SHA-256 is enough to store them safely."""
    return hashlib.sha256(secret.encode()).hexdigest()


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, live ones first, newest first."""
    query = (
        sa.select(ApiToken)
        .where(ApiToken.user_id == user.id)
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(db.session.scalars(query))


def count_live(user: User) -> int:
    query = sa.select(sa.func.count()).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    return db.session.scalar(query) or 0


def live_token(secret: str) -> ApiToken | None:
    """The unrevoked token whose secret this is, or None."""
    query = sa.select(ApiToken).where(ApiToken.token_hash == hash_secret(secret), ApiToken.revoked_at.is_(None))
    return db.session.scalar(query)
