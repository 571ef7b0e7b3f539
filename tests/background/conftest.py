"""Background fixtures. Unit tests run eagerly on the suite's SQLite database; the
`services` tests (test_services.py) use PostgreSQL, Redis and real worker processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from celery import _state

from matchmaker.background.outbox import dispatch_committed
from matchmaker.extensions import db as _db
from matchmaker.models import OutboxMessage, OutboxStatus
from tests.background import sample_tasks

T = sample_tasks.PREFIX


@pytest.fixture(scope="module", autouse=True)
def _celery_apps_restored() -> Iterator[None]:
    """These tests create apps of their own, and each new Celery app becomes the current one,
    which task proxies (`some_task.apply()`) resolve to: hand the previous one back afterwards."""
    current, default = _state.get_current_app(), _state.default_app
    yield
    current.set_current()
    _state.set_default_app(default)


@pytest.fixture
def commit_and_dispatch(db: object) -> Callable[[], int]:
    """What a view does: commit once; then the after_request hook dispatches."""

    def run() -> int:
        _db.session.commit()
        return dispatch_committed()

    return run


@pytest.fixture
def make_message(db: object):
    """An outbox row as the sweep would find it, `age` seconds old."""

    def make(task: str = T + "touch", age: float = 600, **values: object) -> OutboxMessage:
        then = datetime.now(UTC) - timedelta(seconds=age)
        values.setdefault("payload", {"key": "swept"})
        values.setdefault("status", OutboxStatus.PENDING)
        message = OutboxMessage(task=task, created_at=then, available_at=then, **values)
        _db.session.add(message)
        _db.session.commit()
        return message

    return make
