"""Background work of meetings (names are a contract with the beat schedule): solving an
event's agenda with a progress bar, and the requests' time-out with its reminder."""

from __future__ import annotations

import logging

from flask import current_app
from flask_babel import gettext as _

from matchmaker.background import progress
from matchmaker.background.tasks_base import outbox_task
from matchmaker.events.agenda import AgendaCheckError, AgendaInputError
from matchmaker.extensions import db
from matchmaker.meetings import requests, solving
from matchmaker.models import AgendaRun
from matchmaker.models.base import utcnow

log = logging.getLogger(__name__)

SOLVE_TASK = "matchmaker.meetings.tasks.solve_agenda"
EXPIRE_TASK = "matchmaker.meetings.tasks.expire_requests"


@outbox_task(SOLVE_TASK, soft_time_limit=600, time_limit=660)
def solve_agenda(agenda_run_id: int, task_run_id: int | None = None) -> dict:
    run = db.session.get(AgendaRun, agenda_run_id)
    if run is None:
        return {}
    progress.update(task_run_id, 10, _("正在读取已接受的洽谈邀约……"))
    event = run.event
    try:
        with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
            progress.update(task_run_id, 30, _("正在求解日程并独立校验……"))
            summary = solving.run(event, keep_published=run.keep_published)
    except (AgendaInputError, AgendaCheckError) as error:
        # A clash the organiser made (two locked meetings in one place) or a solver bug: nothing
        # is stored, the reason is shown beside the grid.
        summary = {"error": str(error)}
    run.summary, run.finished_at = summary, utcnow()
    if "error" in summary:
        progress.finish(task_run_id, _("未能排程（请检查锁定的洽谈）：%(e)s", e=summary["error"]), summary)
    else:
        progress.finish(
            task_run_id,
            _(
                "已安排 %(n)d 场洽谈（上界 %(b)s，目标值 %(o)s），%(u)d 个邀约未能安排，移动已发布洽谈 %(m)d 场。",
                n=summary["meetings"],
                b=summary["bound"],
                o=summary["objective"],
                u=summary["unscheduled"],
                m=summary["moved"],
            ),
            summary,
        )
    return summary


@outbox_task(EXPIRE_TASK)
def expire_requests() -> dict:
    """Remind before the time-out, expire after it. Idempotent: each request is reminded once."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        reminded = requests.remind_due()
        expired = requests.expire_due()
    log.info("meeting requests: %d reminded, %d expired", reminded, expired)
    return {"reminded": reminded, "expired": expired}
