"""Rows behind dependable background work: the outbox, task progress, the recommender index."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.models.base import Base, str_enum, utcnow
from matchmaker.models.enums import OutboxStatus, TaskStatus


class OutboxMessage(Base):
    """Work to do after a commit, recorded in the same transaction as the change that needs it.

    Dispatched after commit; a periodic sweep re-dispatches what is still pending (broker down).
    Marked done only by the task itself when it completed.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        sa.Index("ix_outbox_status_available", "status", "available_at"),
        sa.Index("ix_outbox_dedupe_key", "dedupe_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(sa.String(120))
    payload: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # Same key pending twice is pointless (e.g. two edits of one post before the worker runs).
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(160))
    status: Mapped[OutboxStatus] = mapped_column(str_enum(OutboxStatus, "outbox_status"), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    available_at: Mapped[datetime] = mapped_column(default=utcnow)
    dispatched_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]


class TaskRun(Base):
    """A long task's progress and outcome, shown to the user who started it."""

    __tablename__ = "task_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(60), index=True)
    status: Mapped[TaskStatus] = mapped_column(str_enum(TaskStatus, "task_status"), default=TaskStatus.QUEUED)
    progress: Mapped[int] = mapped_column(default=0)  # 0–100
    message: Mapped[str] = mapped_column(sa.Text, default="")
    result: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class TaskLock(Base):
    """A named lock shared by every worker host through the database (SQLite and PostgreSQL alike).

    Held by one task run (its Celery task id) until released or until it expires, so a holder
    that died frees the lock after the task's time limit.
    """

    __tablename__ = "task_locks"

    name: Mapped[str] = mapped_column(sa.String(160), primary_key=True)
    holder: Mapped[str] = mapped_column(sa.String(160))
    acquired_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class IndexArtifact(Base):
    """A saved recommender index (npz + json, no pickle). The newest row is the one serving;
    a rebuild that crashes never inserts, so the previous version keeps serving."""

    __tablename__ = "index_artifacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(sa.String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    challenges: Mapped[int] = mapped_column(default=0)
    capabilities: Mapped[int] = mapped_column(default=0)


class Setting(Base):
    """Organiser-editable settings (e.g. the yearly key-problem target)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    value: Mapped[dict | list | str | int | None] = mapped_column(sa.JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
