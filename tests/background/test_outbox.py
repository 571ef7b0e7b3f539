"""enqueue → commit → dispatch, eagerly: done, deduplicated, refused, failed."""

from __future__ import annotations

from datetime import UTC, datetime

import kombu.exceptions
import pytest

from matchmaker.background.outbox import enqueue
from matchmaker.background.transactions import as_utc
from matchmaker.models import OutboxStatus
from tests.background.conftest import T
from tests.background.sample_tasks import runs


def test_committed_work_runs_and_marks_its_row_done(commit_and_dispatch):
    message = enqueue(T + "touch", key="a")
    assert commit_and_dispatch() == 1
    assert message.status == OutboxStatus.DONE
    assert message.attempts == 1 and message.completed_at is not None
    assert runs("a") == 1


def test_rolled_back_work_is_never_sent(db, commit_and_dispatch):
    enqueue(T + "touch", key="gone")
    db.session.rollback()
    assert commit_and_dispatch() == 0
    assert runs("gone") == 0


def test_same_dedupe_key_while_pending_is_one_row(commit_and_dispatch):
    first = enqueue(T + "touch", dedupe_key="post:1", key="d")
    assert enqueue(T + "touch", dedupe_key="post:1", key="d") is first
    commit_and_dispatch()
    assert runs("d") == 1
    assert enqueue(T + "touch", dedupe_key="post:1", key="d") is not first  # done: new work needs a new row


def test_unknown_task_stays_pending_with_the_reason_and_a_back_off(app, commit_and_dispatch):
    message = enqueue("matchmaker.nowhere.tasks.missing", x=1)
    assert commit_and_dispatch() == 0
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert "unknown task" in message.last_error
    assert (as_utc(message.available_at) - datetime.now(UTC)).total_seconds() > app.config["OUTBOX_SWEEP_AFTER"] - 5


def test_broker_refusing_leaves_the_row_pending(app, monkeypatch, commit_and_dispatch):
    celery = app.extensions["celery"]
    monkeypatch.setitem(celery.conf, "task_always_eager", False)

    def refuse(*args: object, **kwargs: object) -> None:
        raise kombu.exceptions.OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    monkeypatch.setattr(celery.tasks[T + "touch"], "apply_async", refuse)
    message = enqueue(T + "touch", key="later")
    assert commit_and_dispatch() == 0
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "Connection refused" in message.last_error


def test_a_failing_task_marks_its_row_failed_without_breaking_the_caller(commit_and_dispatch):
    message = enqueue(T + "broken", key="b")
    commit_and_dispatch()
    assert message.status == OutboxStatus.FAILED
    assert "ValueError: broken on purpose: b" in message.last_error


def test_transient_errors_in_eager_mode_fail_at_once(commit_and_dispatch):
    message = enqueue(T + "flaky", key="f")
    commit_and_dispatch()
    assert message.status == OutboxStatus.FAILED
    assert "OperationalError" in message.last_error


def test_work_enqueued_by_a_task_is_sent_when_the_task_commits(commit_and_dispatch, monkeypatch):
    from tests.background import sample_tasks

    record = sample_tasks._record

    def record_and_follow_up(key: str) -> None:
        record(key)
        if key == "first":
            enqueue(T + "touch", key="second")

    monkeypatch.setattr(sample_tasks, "_record", record_and_follow_up)
    enqueue(T + "touch", key="first")
    commit_and_dispatch()
    assert (runs("first"), runs("second")) == (1, 1)


@pytest.mark.parametrize("attempts, seconds", [(1, 30), (2, 60), (4, 240), (20, 3600)])
def test_back_off_doubles_up_to_an_hour(app, attempts, seconds):
    from matchmaker.background.outbox import backoff

    with app.app_context():
        assert backoff(attempts).total_seconds() == seconds
