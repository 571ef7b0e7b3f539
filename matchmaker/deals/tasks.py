"""Background work of deals (names are a contract with the beat schedule): the daily outcome and
stale-deal reminders."""

from __future__ import annotations

import logging

from flask import current_app

from matchmaker.background.tasks_base import outbox_task
from matchmaker.deals import reminders
from matchmaker.timezones import local_today

log = logging.getLogger(__name__)

REMIND_TASK = "matchmaker.deals.tasks.send_reminders"


@outbox_task(REMIND_TASK)
def send_reminders() -> dict:
    """Idempotent: each participant is asked once, each quiet period of a deal reminded once."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        outcomes = reminders.remind_outcomes(local_today())
        stale = reminders.remind_stale()
    log.info("deals: %d participants asked for outcomes, %d stale deals reminded", outcomes, stale)
    return {"outcomes": outcomes, "stale": stale}
