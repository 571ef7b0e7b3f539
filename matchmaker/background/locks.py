"""Named locks shared by every worker host, kept in the database.

Why a table rather than a Redis lock or pg_try_advisory_lock: it works on SQLite and PostgreSQL
alike, every host that shares the database sees it, it does not depend on the broker being up,
and it expires by itself when its holder died. A holder is a Celery task id, so the same message
redelivered after its worker was killed takes its own lock back instead of waiting for expiry.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from matchmaker.background.transactions import short_transaction
from matchmaker.models.background import TaskLock


def acquire(name: str, holder: str, ttl: float) -> bool:
    """Take the lock for `ttl` seconds; False if someone else holds an unexpired one."""
    now = datetime.now(UTC)
    values = {"holder": holder, "acquired_at": now, "expires_at": now + timedelta(seconds=ttl)}
    try:
        with short_transaction() as session:
            session.execute(sa.insert(TaskLock).values(name=name, **values))
        return True
    except sa.exc.IntegrityError:
        pass  # the row exists: take it over only if it expired or is ours
    with short_transaction() as session:
        taken = session.execute(
            sa.update(TaskLock)
            .where(TaskLock.name == name, sa.or_(TaskLock.expires_at < now, TaskLock.holder == holder))
            .values(**values)
        )
        return taken.rowcount == 1


def release(name: str, holder: str) -> None:
    with short_transaction() as session:
        session.execute(sa.delete(TaskLock).where(TaskLock.name == name, TaskLock.holder == holder))


@contextmanager
def held(name: str, holder: str, ttl: float) -> Iterator[bool]:
    """`with held(...) as acquired:` — run the block's work only if `acquired`."""
    acquired = acquire(name, holder, ttl)
    try:
        yield acquired
    finally:
        if acquired:
            release(name, holder)
