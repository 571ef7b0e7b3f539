"""Transactional outbox: record work in the caller's transaction; dispatch it after commit.

`enqueue` is the only way features start background work. The row commits (or rolls back)
with the change that needs it; after the commit, `dispatch_committed` sends it to Celery.
If the broker is down the row stays pending and the periodic sweep dispatches it later.
Tasks receive `outbox_id` and mark the row done when they completed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, current_app
from sqlalchemy.orm import Session

from matchmaker.extensions import db
from matchmaker.models import OutboxMessage, OutboxStatus

_RECORDED = "outbox_recorded"
_COMMITTED = "outbox_committed"


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
    db.session.info.setdefault(_RECORDED, []).append(message.id)
    return message


def send(message: OutboxMessage) -> bool:
    """Hand one pending message to Celery; False (and still pending) if the broker refused."""
    celery = current_app.extensions["celery"]
    kwargs = {"outbox_id": message.id, **message.payload}
    try:
        # apply_async (not send_task) so eager mode runs the task here, in-process.
        celery.tasks[message.task].apply_async(kwargs=kwargs)
    except Exception as error:  # broker unreachable: the sweep retries later
        message.attempts += 1
        message.last_error = f"dispatch failed: {error}"[:2000]
        return False
    db.session.refresh(message)  # an eager task has already marked it done
    if message.status == OutboxStatus.PENDING:
        message.status = OutboxStatus.DISPATCHED
        message.dispatched_at = datetime.now(UTC)
    return True


def dispatch_committed() -> int:
    """Send the messages committed by this session since the last call. Returns how many."""
    ids = db.session.info.pop(_COMMITTED, [])
    sent = 0
    for message_id in ids:
        message = db.session.get(OutboxMessage, message_id)
        if message is not None and message.status == OutboxStatus.PENDING:
            sent += send(message)
        db.session.commit()
    return sent


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
