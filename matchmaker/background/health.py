"""What /healthz reports: database, broker, recommender index, outbox backlog.

HTTP 200 while the database answers, even with the broker down ("degraded"): pages still work
and the outbox keeps the work until the broker is back, and restarting web processes would not
bring the broker back. HTTP 503 when the database is down: nothing works without it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app

from matchmaker.background.transactions import as_utc
from matchmaker.extensions import db
from matchmaker.models import IndexArtifact, OutboxMessage, OutboxStatus


def report() -> tuple[dict[str, Any], int]:
    now = datetime.now(UTC)
    database = _database()
    broker = _broker()
    body: dict[str, Any] = {"database": database, "broker": broker, "index": None, "outbox": None}
    if database["status"] != "ok":
        return {"status": "down", **body}, 503
    body["index"] = _index(now)
    body["outbox"] = _outbox(now)
    db.session.rollback()
    return {"status": "ok" if broker["status"] in ("ok", "eager") else "degraded", **body}, 200


def _database() -> dict[str, Any]:
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as error:
        db.session.rollback()
        return {"status": "down", "error": _first_line(error)}
    return {"status": "ok"}


def _broker() -> dict[str, Any]:
    celery = current_app.extensions["celery"]
    if celery.conf.task_always_eager:
        return {"status": "eager"}
    try:
        with celery.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=celery.conf.broker_connection_timeout)
    except Exception as error:  # any transport error means the same thing here
        return {"status": "down", "error": _first_line(error)}
    return {"status": "ok"}


def _index(now: datetime) -> dict[str, Any] | None:
    latest = db.session.execute(
        sa.select(IndexArtifact.version, IndexArtifact.created_at).order_by(IndexArtifact.created_at.desc()).limit(1)
    ).one_or_none()
    if latest is None:
        return None
    created = as_utc(latest.created_at)
    return {"version": latest.version, "created_at": created.isoformat(), "age_seconds": _age(now, created)}


def _outbox(now: datetime) -> dict[str, Any]:
    rows = db.session.execute(
        sa.select(OutboxMessage.status, sa.func.count(), sa.func.min(OutboxMessage.created_at))
        .where(OutboxMessage.status != OutboxStatus.DONE)
        .group_by(OutboxMessage.status)
    ).all()
    by_status = {status: (count, as_utc(oldest)) for status, count, oldest in rows}
    pending, oldest = by_status.get(OutboxStatus.PENDING, (0, None))
    return {
        "pending": pending,
        "oldest_pending_age_seconds": _age(now, oldest),
        "dispatched": by_status.get(OutboxStatus.DISPATCHED, (0, None))[0],
        "failed": by_status.get(OutboxStatus.FAILED, (0, None))[0],
    }


def _age(now: datetime, then: datetime | None) -> float | None:
    return None if then is None else round((now - then).total_seconds(), 1)


def _first_line(error: BaseException) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:200]
