from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.models.base import Base, utcnow


class PendingSignup(Base):
    """A sign-up waiting for its e-mail to be confirmed (matchmaker/auth/confirmation.py).

    Kept apart from users and organisations until the link is followed, so an unconfirmed
    sign-up reserves no e-mail, organisation name or credit code and never reaches the
    organisers' verification queue. Several may exist for one e-mail; the first confirmed wins.
    """

    __tablename__ = "pending_signups"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    kind: Mapped[str] = mapped_column(sa.String(20))
    org_name: Mapped[str] = mapped_column(sa.String(120))
    credit_code: Mapped[str] = mapped_column(sa.String(18))
    city: Mapped[str] = mapped_column(sa.String(20))
    chain_codes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
