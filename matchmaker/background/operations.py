"""Organiser actions on background work. They flush; the view commits."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.background import outbox, progress
from matchmaker.models import OutboxMessage, OutboxStatus, TaskRun, User

REINDEX_TASK = "matchmaker.matching.tasks.rebuild_index"


class BackgroundError(Exception):
    """A refused action; the message is for the user."""


def start_reindex(organiser: User) -> TaskRun:
    """Queue a full rebuild of the recommender index, with a progress bar for the organiser."""
    if REINDEX_TASK not in current_app.extensions["celery"].tasks:
        raise BackgroundError(_("推荐模块尚未就绪，暂不能重建索引。"))
    run = progress.start("reindex", organiser.id)
    outbox.enqueue(REINDEX_TASK, task_run_id=run.id)
    audit.record("task.reindex_requested", run, actor=organiser)
    return run


def retry_message(message: OutboxMessage, organiser: User) -> None:

    if message.status != OutboxStatus.FAILED:
        raise BackgroundError(_("只有失败的任务可以重试。"))
    audit.record("outbox.retried", message, actor=organiser, task=message.task, last_error=message.last_error[:500])
    outbox.retry(message)
