"""Reads for the task pages."""

from __future__ import annotations

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import OutboxMessage, OutboxStatus, TaskRun, User

RECENT = 5
FAILED_SHOWN = 50


def task_runs() -> sa.Select:
    return sa.select(TaskRun).order_by(TaskRun.id.desc())


def recent_runs_of(user: User) -> list[TaskRun]:
    return list(
        db.session.scalars(
            sa.select(TaskRun).where(TaskRun.requested_by_id == user.id).order_by(TaskRun.id.desc()).limit(RECENT)
        )
    )


def failed_messages() -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            sa.select(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.FAILED)
            .order_by(OutboxMessage.id.desc())
            .limit(FAILED_SHOWN)
        )
    )


def backlog() -> dict[OutboxStatus, int]:
    rows = db.session.execute(
        sa.select(OutboxMessage.status, sa.func.count())
        .where(OutboxMessage.status != OutboxStatus.DONE)
        .group_by(OutboxMessage.status)
    )
    return {status: count for status, count in rows}
