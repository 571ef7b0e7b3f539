"""Background work on the real thing: PostgreSQL, Redis and real Celery worker processes.

Committed data only (workers are other processes): an app of its own bound to the database
test_background, built with the migrations, emptied before each test.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from matchmaker.background import locks, operations, progress
from matchmaker.background.outbox import dispatch_committed, enqueue
from matchmaker.background.sweep import sweep
from matchmaker.extensions import db
from matchmaker.models import Notification, Organization, OrgKind, OutboxMessage, OutboxStatus, Role, TaskRun, User
from matchmaker.organizations.credit_code import fictional
from tests.background import services
from tests.background.conftest import T
from tests.background.sample_tasks import runs
from tests.conftest import PASSWORD

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def pg_app() -> Iterator[Flask]:
    services.ensure_database()
    services.broker()
    with services.exclusive_use():
        app = services.make_app()
        services.reset_schema(app)
        yield app
        services.close(app)


@pytest.fixture
def down(live: Flask) -> Iterator[Flask]:
    """The same database, with the broker pointed at a closed port."""
    app = services.make_app(services.DEAD_BROKER_URL)
    yield app
    services.close(app)


@pytest.fixture
def live(pg_app: Flask) -> Flask:
    services.broker().flushdb()
    services.empty_tables(pg_app)
    return pg_app


@pytest.fixture
def workers(tmp_path) -> Iterator[services.Workers]:
    started = services.Workers(tmp_path)
    yield started
    started.stop_all()


def read(app: Flask, query: Callable[[], Any]) -> Any:
    """Run `query` in a fresh session: what other processes committed, now."""
    with app.app_context():
        try:
            return query()
        finally:
            db.session.remove()


def status_of(app: Flask, message_id: int) -> OutboxStatus:
    return read(app, lambda: db.session.scalar(sa.select(OutboxMessage.status).where(OutboxMessage.id == message_id)))


def enqueue_committed(app: Flask, task: str, **payload: Any) -> int:
    with app.app_context():
        message_id = enqueue(task, **payload).id
        db.session.commit()
        dispatch_committed()
        db.session.remove()
    return message_id


def make_organiser(app: Flask) -> tuple[int, str]:
    with app.app_context():
        org = Organization(
            kind=OrgKind.AGENCY,
            name="山东省工业和信息化厅",
            city="济南市",
            credit_code=fictional("background-services", "济南市"),
            verified_at=datetime.now(UTC),
        )
        user = User(organization=org, email="organiser@example.cn", name="组织者", role=Role.ORGANISER)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        identity = (user.id, user.email)
        db.session.remove()
    return identity


def signed_in(app: Flask, email: str):
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    return client


def test_a_worker_runs_committed_work_and_marks_the_row_done(live, workers):
    workers.start("w1")
    message_id = enqueue_committed(live, T + "touch", key="real")
    services.wait_for(lambda: status_of(live, message_id) == OutboxStatus.DONE, 30, "the row done")
    assert read(live, lambda: runs("real")) == 1


def test_broker_down_the_request_succeeds_and_the_sweep_delivers_later(live, down, workers, monkeypatch):
    monkeypatch.setattr(operations, "REINDEX_TASK", T + "steps")
    user_id, email = make_organiser(live)
    workers.start("w1")  # up before the work exists: its start-up sweep finds nothing
    started = time.monotonic()
    response = signed_in(down, email).post("/organiser/tasks/reindex")
    elapsed = time.monotonic() - started
    assert response.status_code == 302 and elapsed < 5, elapsed
    message = read(live, lambda: db.session.scalars(sa.select(OutboxMessage)).one())
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "dispatch failed" in message.last_error and "6390" in message.last_error
    run_id = message.payload["task_run_id"]
    assert read(live, lambda: db.session.get(TaskRun, run_id).status) == "queued"

    with live.app_context():
        assert sweep(min_age=0, ignore_backoff=True).sent == 1
    services.wait_for(lambda: status_of(live, message.id) == OutboxStatus.DONE, 30, "the swept row done")
    run = read(live, lambda: db.session.get(TaskRun, run_id))
    assert (run.status, run.progress, run.requested_by_id) == ("succeeded", 100, user_id)
    titles = read(live, lambda: list(db.session.scalars(sa.select(Notification.title))))
    assert titles == ["后台任务已完成：重建推荐索引"]


def test_a_starting_worker_sends_what_waited_in_the_outbox(live, down, workers):
    message_id = enqueue_committed(down, T + "touch", key="waited")  # refused: nothing listens on 6390
    assert status_of(live, message_id) == OutboxStatus.PENDING
    workers.start("w1")
    services.wait_for(lambda: status_of(live, message_id) == OutboxStatus.DONE, 30, "start-up sweep delivery")
    assert read(live, lambda: runs("waited")) == 1


def test_a_worker_killed_mid_task_does_not_lose_it(live, workers):
    first = workers.start("doomed", CELERY_VISIBILITY_TIMEOUT="4")
    message_id = enqueue_committed(live, T + "slow", key="survivor", seconds=3)
    services.wait_for(lambda: read(live, lambda: runs("survivor-start")) == 1, 30, "the task to start")
    workers.kill(first)
    assert read(live, lambda: runs("survivor")) == 0
    assert status_of(live, message_id) == OutboxStatus.DISPATCHED
    # Only the broker can bring it back: the outbox would wait an hour before re-sending it.
    workers.start("heir", CELERY_VISIBILITY_TIMEOUT="4", OUTBOX_REDISPATCH_AFTER="3600")
    services.wait_for(lambda: status_of(live, message_id) == OutboxStatus.DONE, 60, "the redelivered task done")
    assert read(live, lambda: (runs("survivor-start"), runs("survivor"))) == (2, 1)


def test_two_workers_never_run_an_exclusive_task_at_once(live, workers):
    workers.start("w1")
    workers.start("w2")
    ids = [enqueue_committed(live, T + "exclusive", key="once", seconds=3) for _ in range(2)]
    services.wait_for(lambda: all(status_of(live, i) == OutboxStatus.DONE for i in ids), 60, "both rows done")
    assert read(live, lambda: (runs("once-start"), runs("once"))) == (1, 1)


def test_the_lock_admits_one_of_many_racing_hosts(live):
    def contend(holder: int) -> bool:
        with live.app_context():
            try:
                return locks.acquire("race", f"host-{holder}", 60)
            finally:
                db.session.remove()

    with ThreadPoolExecutor(8) as pool:
        assert sorted(pool.map(contend, range(8))) == [False] * 7 + [True]


def test_progress_is_visible_while_the_task_runs(live, workers):
    user_id, email = make_organiser(live)
    workers.start("w1")
    with live.app_context():
        run_id = progress.start("reindex", user_id).id
        enqueue(T + "steps", key="p", steps=4, pause=0.7, task_run_id=run_id)
        db.session.commit()
        dispatch_committed()
        db.session.remove()
    client = signed_in(live, email)
    seen: list[tuple[str, int]] = []

    def finished() -> bool:
        body = client.get(f"/tasks/{run_id}").get_json()
        seen.append((body["status"], body["progress"]))
        return body["finished"]

    services.wait_for(finished, 30, "the task to finish", interval=0.2)
    assert seen[-1] == ("succeeded", 100)
    assert any(status == "running" and 0 < percent < 100 for status, percent in seen), seen
    assert read(live, lambda: db.session.scalar(sa.select(Notification.title))) == "后台任务已完成：重建推荐索引"


def test_healthz_sees_the_real_broker_and_its_absence(live, down):
    up = live.test_client().get("/healthz").get_json()
    assert up["status"] == "ok" and up["broker"] == {"status": "ok"} and up["database"] == {"status": "ok"}
    degraded = down.test_client().get("/healthz")
    assert degraded.status_code == 200 and degraded.get_json()["status"] == "degraded"
