"""The two reminder periods (config, with the defaults the README states)."""

from __future__ import annotations

from flask import current_app

OUTCOME_REMINDER_DAYS = 3  # ask for outcomes this many days after the meeting day
DEAL_STALE_DAYS = 14  # a deal with no recorded step for this long is stale


def outcome_reminder_days() -> int:
    return int(current_app.config.get("OUTCOME_REMINDER_DAYS", OUTCOME_REMINDER_DAYS))


def deal_stale_days() -> int:
    return int(current_app.config.get("DEAL_STALE_DAYS", DEAL_STALE_DAYS))
