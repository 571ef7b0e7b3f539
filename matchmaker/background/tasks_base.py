"""`outbox_task`: a Celery task that runs inside the app and marks its outbox row done.

Tasks are idempotent and take ids; acks late so a worker killed mid-task does not lose it;
transient errors (database or broker connection trouble) are retried with back-off.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from celery import shared_task

from matchmaker.extensions import db
from matchmaker.models import OutboxMessage, OutboxStatus

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (sa.exc.OperationalError, sa.exc.InterfaceError, ConnectionError)


def mark_done(outbox_id: int | None) -> None:
    if outbox_id is None:
        return
    message = db.session.get(OutboxMessage, outbox_id)
    if message is not None:
        message.status = OutboxStatus.DONE
        message.completed_at = datetime.now(UTC)


def outbox_task(name: str, **options: Any) -> Callable[[Callable[..., Any]], Any]:
    """Declare a task by its stable name; the body receives the payload keyword arguments."""

    def decorate(body: Callable[..., Any]) -> Any:
        @shared_task(
            name=name,
            bind=True,
            acks_late=True,
            reject_on_worker_lost=True,
            autoretry_for=TRANSIENT_ERRORS,
            retry_backoff=True,
            retry_backoff_max=300,
            max_retries=8,
            soft_time_limit=options.pop("soft_time_limit", 300),
            time_limit=options.pop("time_limit", 360),
            **options,
        )
        @functools.wraps(body)
        def run(self: Any, outbox_id: int | None = None, **payload: Any) -> Any:
            try:
                result = body(**payload)
                mark_done(outbox_id)
                db.session.commit()
            except Exception:
                db.session.rollback()
                raise
            return result

        return run

    return decorate
