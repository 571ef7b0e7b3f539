"""The outbox sweep: send what the request could not, re-send what was lost, give up in the end.

Runs every minute from beat (tasks.sweep_outbox) and once when a worker starts. Pending rows
older than OUTBOX_SWEEP_AFTER seconds are sent when their back-off has passed; dispatched rows
nobody completed within OUTBOX_REDISPATCH_AFTER seconds (the message was lost, e.g. the broker
lost its data) are sent again — tasks are idempotent, so a duplicate run is safe. After
OUTBOX_MAX_ATTEMPTS tries a row is marked failed with the reason; organisers see it and can
retry it at /organiser/tasks. Done rows older than OUTBOX_KEEP_DAYS days are deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from matchmaker.background import progress
from matchmaker.background.outbox import dispatch_committed, send
from matchmaker.background.transactions import as_utc
from matchmaker.extensions import db
from matchmaker.models import OutboxMessage, OutboxStatus

BATCH = 500


@dataclass
class SweepReport:
    sent: int = 0
    refused: int = 0
    gave_up: int = 0
    purged: int = 0


def sweep(min_age: float | None = None, ignore_backoff: bool = False) -> SweepReport:
    """One pass. `min_age=0, ignore_backoff=True` at worker start-up: send everything open now."""
    config = current_app.config
    now = datetime.now(UTC)
    min_age = config["OUTBOX_SWEEP_AFTER"] if min_age is None else min_age
    pending = sa.and_(
        OutboxMessage.status == OutboxStatus.PENDING,
        OutboxMessage.created_at <= now - timedelta(seconds=min_age),
        sa.true() if ignore_backoff else OutboxMessage.available_at <= now,
    )
    lost = sa.and_(
        OutboxMessage.status == OutboxStatus.DISPATCHED,
        OutboxMessage.dispatched_at <= now - timedelta(seconds=config["OUTBOX_REDISPATCH_AFTER"]),
    )
    due = db.session.execute(
        sa.select(
            OutboxMessage.id,
            OutboxMessage.task,
            OutboxMessage.status,
            OutboxMessage.attempts,
            OutboxMessage.last_error,
            OutboxMessage.dispatched_at,
        )
        .where(sa.or_(pending, lost))
        .order_by(OutboxMessage.id)
        .limit(BATCH)
    ).all()
    db.session.commit()
    report = SweepReport()
    for message_id, task, status, attempts, last_error, dispatched_at in due:
        if status == OutboxStatus.DISPATCHED and _may_still_run(task, dispatched_at, now):
            continue
        if attempts >= config["OUTBOX_MAX_ATTEMPTS"]:
            report.gave_up += _give_up(message_id, attempts, last_error)
        elif send(message_id):
            report.sent += 1
        else:
            report.refused += 1
    report.purged = _purge_done(now - timedelta(days=config["OUTBOX_KEEP_DAYS"]))
    return report


def _may_still_run(task: str, dispatched_at: datetime, now: datetime) -> bool:
    """A long task (the nightly reindex) may rightly run longer than OUTBOX_REDISPATCH_AFTER."""
    celery = current_app.extensions["celery"]
    declared = celery.tasks.get(task)
    limit = (declared.time_limit if declared is not None else None) or celery.conf.task_time_limit or 0
    return now - as_utc(dispatched_at) < timedelta(seconds=limit + 60)


def _give_up(message_id: int, attempts: int, last_error: str) -> int:
    reason = f"gave up after {attempts} dispatches without completion; last error: {last_error or 'none'}"
    given_up = db.session.execute(
        sa.update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id, OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.DISPATCHED))
        )
        .values(status=OutboxStatus.FAILED, last_error=reason[:2000])
    ).rowcount
    if given_up:  # the user waiting on its progress bar hears the outcome too
        payload = db.session.scalar(sa.select(OutboxMessage.payload).where(OutboxMessage.id == message_id)) or {}
        progress.fail(payload.get("task_run_id"), reason)
    db.session.commit()
    dispatch_committed()
    return given_up


def _purge_done(before: datetime) -> int:
    old = (
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.DONE, OutboxMessage.completed_at < before)
        .limit(BATCH)
    )
    purged = db.session.execute(sa.delete(OutboxMessage).where(OutboxMessage.id.in_(old))).rowcount
    db.session.commit()
    return purged
