"""Marking inbox entries read. Callers commit."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import Notification


def mark_read(note: Notification) -> None:
    if note.read_at is None:
        note.read_at = datetime.now(UTC)


def mark_all_read(user_id: int) -> int:
    result = db.session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=datetime.now(UTC))
    )
    return result.rowcount
