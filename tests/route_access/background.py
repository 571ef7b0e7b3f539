"""Health check, task progress and the organisers' task page."""

from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import OutboxMessage, OutboxStatus, TaskRun
from tests.route_access import LOGIN, MISSING, OK, REDIRECT, every, only


def _firm_a_run(w) -> str:
    run = TaskRun(kind="reindex", requested_by_id=w.firm_a.id)
    db.session.add(run)
    db.session.flush()
    return f"/tasks/{run.id}"


def _failed_message(w) -> str:
    message = OutboxMessage(task="tests.route_access.missing", payload={}, status=OutboxStatus.FAILED)
    db.session.add(message)
    db.session.flush()
    return f"/organiser/outbox/{message.id}/retry"


ROUTES = {
    "background.healthz": ("GET", lambda w: "/healthz", every(OK)),
    "background.task_status": (
        "GET",
        _firm_a_run,
        {"anon": LOGIN, "firm_a": OK, "firm_b": MISSING, "team": MISSING, "organiser": OK},
    ),
    "background.organiser_tasks": ("GET", lambda w: "/organiser/tasks", only(("organiser",))),
    "background.reindex": ("POST", lambda w: "/organiser/tasks/reindex", only(("organiser",), REDIRECT)),
    "background.retry": ("POST", _failed_message, only(("organiser",), REDIRECT)),
}
