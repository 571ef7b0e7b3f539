"""Transactional outbox: record work in the caller's transaction; dispatch it after commit.

`enqueue` is the only way features start background work. The row commits (or rolls back)
with the change that needs it; after the commit, `dispatch_committed` sends it to Celery.
If the broker is down the row stays pending and the periodic sweep (sweep.py) sends it later,
with back-off. Tasks receive `outbox_id` and mark the row done when they completed.

Eager mode (no broker) runs tasks in the web process. A task with a progress bar (its payload
carries `task_run_id`: a long one, such as the full re-index) runs in a thread of its own after
the response instead, so the request that started it returns at once and the page shows its
progress (EAGER_LONG_TASKS_IN_THREAD, on by default; the test suite runs them inline).
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, current_app
from sqlalchemy.orm import Session

from matchmaker.background import progress
from matchmaker.extensions import db
from matchmaker.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

_RECORDED = "outbox_recorded"
_COMMITTED = "outbox_committed"
MAX_BACKOFF = 3600
OPEN = (OutboxStatus.PENDING, OutboxStatus.DISPATCHED)


def enqueue(task: str, dedupe_key: str | None = None, **payload: Any) -> OutboxMessage:
    """Record `task(outbox_id=…, **payload)` to run once the current transaction commits."""
    if dedupe_key is not None:
        pending = db.session.scalar(
            sa.select(OutboxMessage).where(
                OutboxMessage.dedupe_key == dedupe_key, OutboxMessage.status == OutboxStatus.PENDING
            )
        )
        if pending is not None:
            return pending
    message = OutboxMessage(task=task, payload=payload, dedupe_key=dedupe_key)
    db.session.add(message)
    db.session.flush()
    _dispatch_after_commit(message.id)
    return message


def retry(message: OutboxMessage) -> None:
    """Give a failed message a fresh round of attempts; it is sent once the caller commits."""
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.available_at = datetime.now(UTC)
    _dispatch_after_commit(message.id)


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: the sweep delay, doubled per failed attempt, at most an hour."""
    base = current_app.config["OUTBOX_SWEEP_AFTER"]
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), MAX_BACKOFF))


def send(message_id: int) -> bool:
    """Hand one open message to Celery. False if the broker refused: it stays pending, with back-off.

    Counts the attempt first, then holds no transaction while Celery works (an eager task writes
    from its own session); the bookkeeping after it is a conditional UPDATE, so a worker that
    already finished the task is never overwritten.
    """
    row = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status.in_(OPEN))
        .values(attempts=OutboxMessage.attempts + 1)
        .returning(OutboxMessage.task, OutboxMessage.payload, OutboxMessage.attempts)
    ).one_or_none()
    db.session.commit()
    if row is None:
        return False
    celery = current_app.extensions["celery"]
    task = celery.tasks.get(row.task)
    if task is None:
        return _refused(message_id, row.attempts, f"unknown task {row.task}")
    if celery.conf.task_always_eager and _detach(row.payload):
        _update(message_id, status=OutboxStatus.DISPATCHED, dispatched_at=datetime.now(UTC))
        _start_thread(task, message_id, row.payload)
        return True
    try:
        # apply_async (not send_task) so eager mode runs the task here, in-process. With a broker,
        # publishing gives up within seconds when it is down (config.celery_settings).
        task.apply_async(kwargs={"outbox_id": message_id, **row.payload})
    except Exception as error:
        if not celery.conf.task_always_eager:
            return _refused(message_id, row.attempts, f"dispatch failed: {error}")
        # Eager: the task ran here and failed; it recorded the failure on its row itself.
        log.exception("eager task %s (outbox %s) failed", row.task, message_id)
    _update(message_id, status=OutboxStatus.DISPATCHED, dispatched_at=datetime.now(UTC))
    return True


def dispatch_committed() -> int:
    """Send the messages this session committed since the last call. Returns how many went."""
    ids = db.session.info.pop(_COMMITTED, [])
    if not ids:
        return 0
    # Whatever the caller did not commit is discarded anyway when its session ends; ending it
    # now keeps send() from committing it by accident and releases SQLite's read lock.
    db.session.rollback()
    return sum(send(message_id) for message_id in ids)


def _detach(payload: dict[str, Any]) -> bool:
    return payload.get("task_run_id") is not None and current_app.config.get("EAGER_LONG_TASKS_IN_THREAD", True)


_THREADS: list[threading.Thread] = []


def _start_thread(task: Any, message_id: int, payload: dict[str, Any]) -> threading.Thread:
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def run() -> None:
        with app.app_context(), progress.detached(payload.get("task_run_id")):
            try:
                task.apply_async(kwargs={"outbox_id": message_id, **payload})
            except Exception:  # the task recorded the failure on its rows itself
                log.exception("eager task %s (outbox %s) failed in its thread", task.name, message_id)
            finally:
                db.session.remove()

    thread = threading.Thread(target=run, name=f"outbox-{message_id}", daemon=True)
    _THREADS[:] = [t for t in _THREADS if t.is_alive()] + [thread]
    thread.start()
    return thread


def wait_for_threads(timeout: float | None = None) -> None:
    """Let eager tasks running in threads finish (tests, and a CLI command before it exits)."""
    for thread in list(_THREADS):
        thread.join(timeout)


def _refused(message_id: int, attempts: int, error: str) -> bool:
    _update(
        message_id,
        status=OutboxStatus.PENDING,
        last_error=error[:2000],
        available_at=datetime.now(UTC) + backoff(attempts),
    )
    log.warning("outbox %s not sent (attempt %s): %s", message_id, attempts, error)
    return False


def _update(message_id: int, **values: Any) -> None:
    db.session.execute(
        sa.update(OutboxMessage).where(OutboxMessage.id == message_id, OutboxMessage.status.in_(OPEN)).values(**values)
    )
    db.session.commit()


def _dispatch_after_commit(message_id: int) -> None:
    db.session.info.setdefault(_RECORDED, []).append(message_id)


@sa.event.listens_for(Session, "after_commit")
def _remember_committed(session: Session) -> None:
    if ids := session.info.pop(_RECORDED, None):
        session.info.setdefault(_COMMITTED, []).extend(ids)


@sa.event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(_RECORDED, None)


def init_app(app: Flask) -> None:
    @app.after_request
    def _dispatch_after_request(response: Response) -> Response:
        dispatch_committed()
        return response
