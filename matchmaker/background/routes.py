"""Health check, task progress (JSON for the progress bar) and the organisers' task page."""

from __future__ import annotations

import click
from flask import Blueprint, abort, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import PUBLIC, SIGNED_IN, allow, is_organiser
from matchmaker.background import health, operations, outbox, progress, queries
from matchmaker.background.sweep import sweep
from matchmaker.extensions import db
from matchmaker.models import OutboxMessage, Role, TaskRun
from matchmaker.pagination import paginate

bp = Blueprint("background", __name__)
ORGANISERS = (Role.ORGANISER, Role.ADMIN)


@bp.route("/healthz")
@allow(PUBLIC)
def healthz():
    body, status = health.report()
    return jsonify(body), status


@bp.route("/tasks/<int:run_id>")
@allow(SIGNED_IN)
def task_status(run_id: int):
    run = db.get_or_404(TaskRun, run_id)
    if run.requested_by_id != current_user.id and not is_organiser(current_user):
        abort(404)
    return jsonify(progress.as_json(run))


@bp.route("/organiser/tasks")
@allow(*ORGANISERS)
def organiser_tasks():
    return render_template(
        "background/organiser.html",
        page=paginate(queries.task_runs()),
        failed=queries.failed_messages(),
        backlog=queries.backlog(),
    )


@bp.route("/organiser/tasks/reindex", methods=["POST"])
@allow(*ORGANISERS)
def reindex():
    try:
        operations.start_reindex(current_user)
    except operations.BackgroundError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(_("已开始重建推荐索引，进度见下方列表。"), "success")
    return redirect(url_for(".organiser_tasks"))


@bp.route("/organiser/outbox/<int:message_id>/retry", methods=["POST"])
@allow(*ORGANISERS)
def retry(message_id: int):
    message = db.get_or_404(OutboxMessage, message_id)
    try:
        operations.retry_message(message, current_user)
    except operations.BackgroundError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(_("已重新派发任务 #%(id)d。", id=message_id), "success")
    return redirect(url_for(".organiser_tasks"))


@bp.app_template_global("recent_task_runs")
def recent_task_runs() -> list[TaskRun]:
    """For templates/background/_recent_tasks.html on the home pages."""
    return queries.recent_runs_of(current_user) if current_user.is_authenticated else []


@bp.app_template_global("task_label")
def task_label(kind: str) -> str:
    return progress.label(kind)


@bp.app_template_global("task_state")
def task_state(run: TaskRun) -> progress.State:
    return progress.state(run)


@bp.app_template_global("task_continue_url")
def task_continue_url(run: TaskRun) -> str | None:
    return progress.continue_url(run)


@bp.cli.command("sweep")
def sweep_command() -> None:
    """Send every open outbox row now (e.g. after the broker was down): flask background sweep."""
    click.echo(sweep(min_age=0, ignore_backoff=True))
    outbox.wait_for_threads()  # eager mode: a long task sent to a thread finishes before the command exits
