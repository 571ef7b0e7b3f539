"""Locks shared through the database: one holder at a time, expiry, re-entry by the same run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from matchmaker.background import locks
from matchmaker.background.outbox import enqueue
from matchmaker.background.schedule import EXCLUSIVE, SCHEDULE
from matchmaker.background.tasks import sweep_outbox
from matchmaker.models import OutboxStatus, TaskStatus
from matchmaker.models.background import TaskLock
from tests.background.conftest import T
from tests.background.sample_tasks import runs


def test_one_holder_at_a_time(db):
    assert locks.acquire("job", "a", 60)
    assert not locks.acquire("job", "b", 60)
    locks.release("job", "b")  # not b's to release
    assert not locks.acquire("job", "b", 60)
    locks.release("job", "a")
    assert locks.acquire("job", "b", 60)


def test_the_same_run_redelivered_takes_its_lock_back(db):
    assert locks.acquire("job", "task-id-1", 60)
    assert locks.acquire("job", "task-id-1", 60)


def test_an_expired_lock_is_taken_over(db):
    assert locks.acquire("job", "dead-worker", 60)
    db.session.execute(sa.update(TaskLock).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    db.session.commit()
    assert locks.acquire("job", "new-worker", 60)
    assert db.session.scalar(sa.select(TaskLock.holder)) == "new-worker"


def test_held_releases_on_the_way_out(db):
    with locks.held("job", "a", 60) as acquired:
        assert acquired
        with locks.held("job", "b", 60) as second:
            assert not second
    assert locks.acquire("job", "b", 60)


def test_an_exclusive_task_whose_lock_is_held_does_nothing_but_completes_its_row(db, commit_and_dispatch):
    from matchmaker.background import progress

    assert locks.acquire(T + "exclusive", "someone-else", 60)
    run = progress.start("reindex", None)
    message = enqueue(T + "exclusive", key="x", task_run_id=run.id)
    commit_and_dispatch()
    assert runs("x") == 0
    assert message.status == OutboxStatus.DONE
    assert run.status == TaskStatus.SUCCEEDED and run.message == "同类任务正在运行，本次无需重复执行。"


def test_an_exclusive_task_runs_when_free_and_frees_its_lock(db, commit_and_dispatch):
    enqueue(T + "exclusive", key="free")
    commit_and_dispatch()
    assert runs("free") == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TaskLock)) == 0


def test_every_scheduled_task_is_exclusive(app, db, make_message):
    assert {entry["task"] for entry in SCHEDULE.values()} == EXCLUSIVE
    make_message(payload={"key": "not-now"})
    assert locks.acquire(sweep_outbox.name, "another-host", 60)
    assert app.extensions["celery"].tasks[sweep_outbox.name].apply().get() is None  # the other host sweeps
    assert runs("not-now") == 0


def test_a_run_sent_again_while_it_works_leaves_its_progress_alone(db, commit_and_dispatch):
    from matchmaker.background import progress

    assert locks.acquire(T + "exclusive", "the-first-delivery", 60)
    run = progress.start("reindex", None)
    db.session.commit()
    progress.begin(run.id)  # the first delivery is working on it
    enqueue(T + "exclusive", key="again", task_run_id=run.id)
    commit_and_dispatch()
    db.session.refresh(run)
    assert run.status == TaskStatus.RUNNING and runs("again") == 0
