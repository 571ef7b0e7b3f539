"""Short transactions of their own, beside the caller's session.

Progress and locks must be visible to other processes at once, while the task that writes them
keeps its own work uncommitted. Inside the test suite's one-transaction fixture they become
savepoints, so they still roll back with the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from matchmaker.extensions import db


@contextmanager
def short_transaction() -> Iterator[Session]:
    """Commit on leaving the block (roll back on error), on a connection of its own."""
    with (
        Session(bind=db.engine, join_transaction_mode="create_savepoint", expire_on_commit=False) as session,
        session.begin(),
    ):
        yield session


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
