"""The beat schedule, in one place: periodic work is one more entry here.

Every task named here is also exclusive (see tasks_base.outbox_task): a lock shared by all
hosts keeps two runs from overlapping. `expires` drops ticks that waited in the queue past
their period (workers down for a while), so they do not run in a burst afterwards.
"""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab

HOUR = 3600

SCHEDULE: dict[str, dict[str, Any]] = {
    "outbox-sweep": {
        "task": "matchmaker.background.tasks.sweep_outbox",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "match-refresh-hourly": {
        "task": "matchmaker.matching.tasks.refresh_changed",
        "schedule": crontab(minute=5),
        "options": {"expires": HOUR - 60},
    },
    "reindex-nightly": {
        "task": "matchmaker.matching.tasks.rebuild_index",
        "schedule": crontab(hour=2, minute=30),
        "options": {"expires": 6 * HOUR},
    },
    "meeting-requests-timeout": {
        "task": "matchmaker.meetings.tasks.expire_requests",
        "schedule": 900.0,
        "options": {"expires": 840},
    },
    "deal-reminders-daily": {
        "task": "matchmaker.deals.tasks.send_reminders",
        "schedule": crontab(hour=8, minute=10),
        "options": {"expires": 6 * HOUR},
    },
    "deadline-reminders-daily": {
        "task": "matchmaker.notifications.tasks.deadline_reminders",
        "schedule": crontab(hour=8, minute=0),
        "options": {"expires": 6 * HOUR},
    },
}

EXCLUSIVE: frozenset[str] = frozenset(entry["task"] for entry in SCHEDULE.values())
