"""Small tasks for the background tests (real workers import them with --include)."""

from __future__ import annotations

import threading
import time
import uuid

import sqlalchemy as sa

from matchmaker.background import progress
from matchmaker.background.tasks_base import outbox_task
from matchmaker.extensions import db
from matchmaker.models import Setting

PREFIX = "tests.background.sample_tasks."


def runs(key: str) -> int:
    """How many times the tasks recorded a run under `key`."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Setting).where(Setting.key.like(f"{key}:%")))


def _record(key: str) -> None:
    db.session.add(Setting(key=f"{key}:{uuid.uuid4().hex[:12]}", value=time.time()))


@outbox_task(PREFIX + "touch")
def touch(key: str) -> None:
    _record(key)


@outbox_task(PREFIX + "slow")
def slow(key: str, seconds: float) -> None:
    _record(f"{key}-start")
    db.session.commit()  # visible at once: the test kills the worker now
    time.sleep(seconds)
    _record(key)


@outbox_task(PREFIX + "steps")
def steps(key: str = "steps", steps: int = 3, pause: float = 0.0, task_run_id: int | None = None) -> None:
    for step in range(1, steps + 1):
        progress.update(task_run_id, 100 * step // (steps + 1), f"第 {step} 步")
        time.sleep(pause)
    _record(key)


@outbox_task(PREFIX + "broken")
def broken(key: str, task_run_id: int | None = None) -> None:
    raise ValueError(f"broken on purpose: {key}")


@outbox_task(PREFIX + "flaky", max_retries=2)
def flaky(key: str) -> None:
    raise sa.exc.OperationalError("SELECT 1", {}, ConnectionError("database went away"))


@outbox_task(PREFIX + "exclusive", exclusive=True)
def exclusive(key: str, seconds: float = 0.0, task_run_id: int | None = None) -> None:
    _record(f"{key}-start")
    db.session.commit()  # visible at once: the test watches runs overlap (or not)
    time.sleep(seconds)
    _record(key)


GATE = threading.Event()


@outbox_task(PREFIX + "gated")
def gated(task_run_id: int | None = None) -> None:
    """Reports half-way, then waits for the test to open the gate (a long task in the embedded default)."""
    progress.update(task_run_id, 50, "一半")
    if not GATE.wait(20):
        raise TimeoutError("the test never opened the gate")
    _record("gated")
