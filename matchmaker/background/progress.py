"""Progress of long tasks (TaskRun rows), shown to the user who started them.

`start` runs in the request that queues the task (pass `task_run_id=run.id` in the payload);
the task calls `update` as it goes, each call in a short transaction of its own so the page
polling /tasks/<id> sees it while the task runs on; `finish` / `fail` record the outcome and
tell the requester through a notification. `outbox_task` calls begin/finish/fail itself for any
task whose payload has `task_run_id`, so a task body only needs `update`.
On SQLite (one writer at a time) progress is written in the task's own transaction instead,
and kept in this process's memory as well, so the page polling /tasks/<id> sees it while an
eager task runs in a thread after the response (outbox.send).

Every kind shown to a user has a Chinese name here; a kind whose run waits for the user rather
than for a worker (an import preview awaiting confirmation) has a state that says so.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.background.transactions import as_utc, short_transaction
from matchmaker.extensions import db
from matchmaker.models import TaskRun, TaskStatus, User

log = logging.getLogger(__name__)

KIND_LABELS = {
    "reindex": _l("重建推荐索引"),
    "import": _l("批量导入"),
    "imports.preview": _l("批量导入"),
}
UNNAMED = _l("后台任务")
# Runs that wait for their user, not a worker: queued means "awaiting confirmation", and the only
# way such a run fails is the user cancelling it. The endpoint is where the user carries on.
AWAITING_USER = {"imports.preview": "imports.preview"}
AWAITING = _l("待确认")
CANCELLED = _l("已取消")
SKIPPED = _l("同类任务正在运行，本次无需重复执行。")
RETRYING = _l("暂时出错，稍后自动重试……")
FINISHED = (TaskStatus.SUCCEEDED, TaskStatus.FAILED)
NOTIFICATION_KIND = "task"


def label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, UNNAMED))


def register_kind(kind: str, name: Any) -> None:
    """A feature names its own kind of task run (a lazy_gettext string)."""
    KIND_LABELS[kind] = name


@dataclass(frozen=True)
class State:
    key: str  # a TaskStatus value, or "awaiting" / "cancelled"
    label: str
    open: bool  # a worker may still change it: the page keeps polling
    progress: int
    message: str


def state(run: TaskRun) -> State:
    """What the user should read about the run, live progress included."""
    live = _live_values(run)
    status, percent, message = live.get("status", run.status), live.get("progress", run.progress), run.message
    message = live.get("message", message)
    if run.kind in AWAITING_USER and status == TaskStatus.QUEUED:
        return State("awaiting", str(AWAITING), False, percent, message)
    if run.kind in AWAITING_USER and status == TaskStatus.FAILED:
        return State("cancelled", str(CANCELLED), False, percent, message)
    return State(status.value, str(status.label), status not in FINISHED, percent, message)


def continue_url(run: TaskRun) -> str | None:
    """Where the requester carries on with a run that waits for them (None otherwise)."""
    endpoint = AWAITING_USER.get(run.kind)
    if endpoint is None or run.status != TaskStatus.QUEUED or endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, run_id=run.id)


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

    now = state(run)
    return {
        "id": run.id,
        "kind": run.kind,
        "label": label(run.kind),
        "status": now.key,
        "status_label": now.label,
        "progress": now.progress,
        "message": now.message,
        "finished": not now.open,
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
        # The embedded default runs long tasks in a thread of this process: keep what the
        # polling page should see in memory until the task's transaction commits.
        db.session.execute(change)
        _remember(task_run_id, values)
        return
    try:
        with short_transaction() as session:
            session.execute(change)
    except sa.exc.OperationalError:  # progress is a courtesy: never fail the task over it
        log.warning("progress of task run %s not recorded", task_run_id, exc_info=True)


_LIVE: dict[int, dict[str, Any]] = {}
_LIVE_LOCK = threading.Lock()
_DETACHED = threading.local()


@contextmanager
def detached(task_run_id: int | None) -> Iterator[None]:
    """Around an eager task run in a thread after the response: its progress is kept in memory."""
    _DETACHED.active = True
    try:
        yield
    finally:
        _DETACHED.active = False
        with _LIVE_LOCK:
            _LIVE.pop(task_run_id, None)


def _remember(task_run_id: int, values: dict[str, Any]) -> None:
    if not getattr(_DETACHED, "active", False):
        return
    plain = {k: v for k, v in values.items() if k in ("status", "progress", "message")}
    with _LIVE_LOCK:
        _LIVE[task_run_id] = {**_LIVE.get(task_run_id, {}), **plain}


def _live_values(run: TaskRun) -> dict[str, Any]:
    if run.status in FINISHED:
        return {}
    with _LIVE_LOCK:
        return dict(_LIVE.get(run.id, {}))


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
