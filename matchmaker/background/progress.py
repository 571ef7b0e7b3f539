"""Progress of long tasks (TaskRun rows), shown to the user who started them.

`start` runs in the request that queues the task (pass `task_run_id=run.id` in the payload);
the task calls `update` as it goes, each call in a short transaction of its own so the page
polling /tasks/<id> sees it while the task runs on; `finish` / `fail` record the outcome and
tell the requester through a notification. `outbox_task` calls begin/finish/fail itself for any
task whose payload has `task_run_id`, so a task body only needs `update`.
On SQLite (one writer at a time) progress is written in the task's own transaction instead.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.background.transactions import as_utc, short_transaction
from matchmaker.extensions import db
from matchmaker.models import TaskRun, TaskStatus, User

log = logging.getLogger(__name__)

KIND_LABELS = {"reindex": _l("重建推荐索引")}
SKIPPED = _l("同类任务正在运行，本次无需重复执行。")
RETRYING = _l("暂时出错，稍后自动重试……")
FINISHED = (TaskStatus.SUCCEEDED, TaskStatus.FAILED)
NOTIFICATION_KIND = "task"


def label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def start(kind: str, user_id: int | None) -> TaskRun:
    """A queued TaskRun in the caller's transaction."""
    run = TaskRun(kind=kind, requested_by_id=user_id)
    db.session.add(run)
    db.session.flush()
    return run


def begin(task_run_id: int | None) -> None:
    """The task started (again, after a retry or a redelivery)."""
    _set(task_run_id, status=TaskStatus.RUNNING, started_at=sa.func.coalesce(TaskRun.started_at, datetime.now(UTC)))


def update(task_run_id: int | None, percent: int | None, message: Any = "") -> None:
    """Report progress (0–100, None keeps it) now, whatever happens to the task's transaction."""
    values: dict[str, Any] = {"status": TaskStatus.RUNNING, "message": _text(message)[:500]}
    if percent is not None:
        values["progress"] = max(0, min(100, int(percent)))
    _set(task_run_id, **values)


def finish(task_run_id: int | None, message: Any = "", result: dict | None = None) -> None:
    """Record success and tell the requester, in the caller's transaction."""
    run = _open_run(task_run_id)
    if run is None:
        return
    run.status, run.progress, run.finished_at = TaskStatus.SUCCEEDED, 100, datetime.now(UTC)
    run.message = _text(message) or run.message
    run.result = result or run.result or {}
    with _stored_locale():
        _tell(run, _("后台任务已完成：%(kind)s", kind=label(run.kind)))


def skip(task_run_id: int | None) -> None:
    """Another run of the same exclusive task is in progress: a run nobody started ends here;
    one already running (this very run, sent again while it works) is left to finish."""
    run = _open_run(task_run_id)
    if run is not None and run.status == TaskStatus.QUEUED:
        finish(task_run_id, SKIPPED)


def fail(task_run_id: int | None, reason: Any) -> None:
    """Record failure with its reason and tell the requester, in the caller's transaction."""
    run = _open_run(task_run_id)
    if run is None:
        return
    run.status, run.finished_at, run.message = TaskStatus.FAILED, datetime.now(UTC), _text(reason)[:2000]
    with _stored_locale():
        _tell(run, _("后台任务失败：%(kind)s", kind=label(run.kind)))


def as_json(run: TaskRun) -> dict[str, Any]:
    def iso(moment: datetime | None) -> str | None:
        return as_utc(moment).isoformat() if moment else None

    return {
        "id": run.id,
        "kind": run.kind,
        "label": label(run.kind),
        "status": run.status.value,
        "status_label": str(run.status.label),
        "progress": run.progress,
        "message": run.message,
        "finished": run.status in FINISHED,
        "created_at": iso(run.created_at),
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
    }


def _open_run(task_run_id: int | None) -> TaskRun | None:
    if task_run_id is None:
        return None
    run = db.session.get(TaskRun, task_run_id, populate_existing=True)
    return None if run is None or run.status in FINISHED else run


def _set(task_run_id: int | None, **values: Any) -> None:
    if task_run_id is None:
        return
    change = sa.update(TaskRun).where(TaskRun.id == task_run_id, TaskRun.status.not_in(FINISHED)).values(**values)
    if db.engine.dialect.name == "sqlite":
        # One writer at a time: a second connection would wait for the task's own transaction.
        # The embedded default runs tasks eagerly anyway, so nobody could watch them run.
        db.session.execute(change)
        return
    try:
        with short_transaction() as session:
            session.execute(change)
    except sa.exc.OperationalError:  # progress is a courtesy: never fail the task over it
        log.warning("progress of task run %s not recorded", task_run_id, exc_info=True)


def _tell(run: TaskRun, title: str) -> None:
    from matchmaker.notifications.operations import notify  # notifications' tasks import background

    if run.requested_by_id is None:
        return
    notify([db.session.get(User, run.requested_by_id)], NOTIFICATION_KIND, title, run.message, "/")


def _text(message: Any) -> str:
    with _stored_locale():
        return str(message or "")


def _stored_locale() -> Any:
    """Stored text (notifications, messages) is in the source language, also outside requests."""
    return force_locale(current_app.config["BABEL_DEFAULT_LOCALE"])
