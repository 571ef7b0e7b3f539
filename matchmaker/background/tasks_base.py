"""`outbox_task`: a Celery task that runs inside the app and marks its outbox row done.

Tasks are idempotent and take ids. Delivery is at least once: acks late, so a worker killed
mid-task does not lose it (the broker hands it to another worker); transient errors (database
or broker connection trouble) are retried with exponential back-off; soft and hard time limits
come from the settings (CELERY_TASK_SOFT_TIME_LIMIT / CELERY_TASK_TIME_LIMIT) unless a task
passes its own. Any other error, or retries exhausted, marks the outbox row failed with the
reason (organisers see it at /organiser/tasks) and fails the task's TaskRun, if it has one.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from celery import Task, shared_task

from matchmaker.background import locks, progress, schedule
from matchmaker.background.outbox import dispatch_committed
from matchmaker.extensions import db
from matchmaker.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
    ConnectionError,
    TimeoutError,
)
MAX_RETRIES = 8
RETRY_BACKOFF_MAX = 300
LOCK_MARGIN = 60


def mark_done(outbox_id: int | None) -> None:
    if outbox_id is None:
        return
    message = db.session.get(OutboxMessage, outbox_id)
    if message is not None:
        message.status = OutboxStatus.DONE
        message.completed_at = datetime.now(UTC)


def retry_delay(retries: int) -> int:
    return min(2 ** (retries + 1), RETRY_BACKOFF_MAX)


def outbox_task(name: str, *, exclusive: bool = False, **options: Any) -> Callable[[Callable[..., Any]], Any]:
    """Declare a task by its stable name; the body receives the payload keyword arguments.

    `exclusive` (implied for every task in the beat schedule): never two runs at once on any
    host; a run that finds another one in progress does nothing, since that one covers it.
    """
    exclusive = exclusive or name in schedule.EXCLUSIVE

    def decorate(body: Callable[..., Any]) -> Any:
        @shared_task(
            name=name,
            bind=True,
            acks_late=True,
            reject_on_worker_lost=True,
            max_retries=options.pop("max_retries", MAX_RETRIES),
            **options,
        )
        @functools.wraps(body)
        def run(self: Task, outbox_id: int | None = None, **payload: Any) -> Any:
            task_run_id = payload.get("task_run_id")
            try:
                with _lock(self, name) if exclusive else _no_lock() as acquired:
                    if acquired:
                        progress.begin(task_run_id)
                        result = body(**payload)
                        progress.finish(task_run_id)
                    else:
                        log.info("%s skipped: another run holds its lock", name)
                        result = None
                        progress.skip(task_run_id)
                    mark_done(outbox_id)
                    db.session.commit()
            except TRANSIENT_ERRORS as error:
                db.session.rollback()
                if self.request.retries < self.max_retries and not self.request.is_eager:
                    progress.update(task_run_id, None, progress.RETRYING)
                    raise self.retry(exc=error, countdown=retry_delay(self.request.retries)) from error
                _record_failure(outbox_id, task_run_id, error)
                raise
            except Exception as error:
                db.session.rollback()
                _record_failure(outbox_id, task_run_id, error)
                raise
            dispatch_committed()  # work the task itself enqueued (e-mails of its notifications)
            return result

        return run

    return decorate


@contextmanager
def _lock(task: Task, name: str) -> Iterator[bool]:
    limit = task.time_limit or task.app.conf.task_time_limit or 3600
    with locks.held(name, task.request.id or uuid.uuid4().hex, limit + LOCK_MARGIN) as acquired:
        yield acquired


@contextmanager
def _no_lock() -> Iterator[bool]:
    yield True


def _record_failure(outbox_id: int | None, task_run_id: int | None, error: BaseException) -> None:
    """In a transaction of its own (the task's work was rolled back): the row says why it failed."""
    reason = f"{type(error).__name__}: {error}"[:2000]
    try:
        if outbox_id is not None:
            db.session.execute(
                sa.update(OutboxMessage)
                .where(OutboxMessage.id == outbox_id, OutboxMessage.status != OutboxStatus.DONE)
                .values(status=OutboxStatus.FAILED, last_error=reason)
            )
        progress.fail(task_run_id, reason)
        db.session.commit()
        dispatch_committed()
    except Exception:
        db.session.rollback()
        log.exception("could not record the failure of outbox %s / task run %s", outbox_id, task_run_id)
