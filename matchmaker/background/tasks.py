"""Background's own periodic task: the outbox sweep (scheduled in schedule.py)."""

from __future__ import annotations

from dataclasses import asdict

from matchmaker.background.sweep import sweep
from matchmaker.background.tasks_base import outbox_task


@outbox_task("matchmaker.background.tasks.sweep_outbox")
def sweep_outbox() -> dict[str, int]:
    return asdict(sweep())
