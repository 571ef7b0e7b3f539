"""The sweep sends what is due, re-sends what was lost, gives up after the cap, purges old rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from matchmaker.background.sweep import sweep
from matchmaker.background.tasks import sweep_outbox
from matchmaker.models import Notification, OutboxStatus, Role, TaskRun, TaskStatus
from tests.background.conftest import T
from tests.background.sample_tasks import runs


def test_pending_rows_older_than_the_delay_are_sent(make_message):
    old = make_message(payload={"key": "old"})
    young = make_message(age=1, payload={"key": "young"})
    report = sweep()
    assert report.sent == 1
    assert (old.status, young.status) == (OutboxStatus.DONE, OutboxStatus.PENDING)
    assert runs("old") == 1


def test_back_off_is_respected_unless_told_otherwise(make_message, db):
    waiting = make_message(payload={"key": "w"}, attempts=2)
    waiting.available_at = datetime.now(UTC) + timedelta(minutes=5)
    db.session.commit()
    assert sweep().sent == 0
    assert sweep(min_age=0, ignore_backoff=True).sent == 1
    assert waiting.status == OutboxStatus.DONE


def test_dispatched_rows_never_completed_are_sent_again(app, make_message):
    redispatch_after = app.config["OUTBOX_REDISPATCH_AFTER"]
    lost = make_message(
        status=OutboxStatus.DISPATCHED,
        payload={"key": "lost"},
        attempts=1,
        dispatched_at=datetime.now(UTC) - timedelta(seconds=redispatch_after + 60),
    )
    recent = make_message(
        status=OutboxStatus.DISPATCHED, payload={"key": "recent"}, attempts=1, dispatched_at=datetime.now(UTC)
    )
    assert sweep().sent == 1
    assert (lost.status, lost.attempts) == (OutboxStatus.DONE, 2)
    assert recent.status == OutboxStatus.DISPATCHED
    assert (runs("lost"), runs("recent")) == (1, 0)


def test_after_the_cap_a_row_fails_with_the_reason_and_its_requester_hears_of_it(app, make_message, make_user, db):
    organiser = make_user(Role.ORGANISER)
    run = TaskRun(kind="reindex", requested_by_id=organiser.id)
    db.session.add(run)
    db.session.flush()
    cap = app.config["OUTBOX_MAX_ATTEMPTS"]
    stuck = make_message(
        task="matchmaker.nowhere.tasks.gone", payload={"task_run_id": run.id}, attempts=cap, last_error="unknown task"
    )
    assert sweep().gave_up == 1
    assert stuck.status == OutboxStatus.FAILED
    assert f"gave up after {cap} dispatches" in stuck.last_error and "unknown task" in stuck.last_error
    assert run.status == TaskStatus.FAILED
    note = db.session.scalar(db.select(Notification).where(Notification.user_id == organiser.id))
    assert note is not None and "失败" in note.title


def test_refused_rows_count_attempts_until_the_cap(app, make_message):
    row = make_message(task="matchmaker.nowhere.tasks.gone")
    for attempt in range(1, app.config["OUTBOX_MAX_ATTEMPTS"] + 1):
        report = sweep(ignore_backoff=True)
        assert (report.refused, row.attempts, row.status) == (1, attempt, OutboxStatus.PENDING)
    assert sweep(ignore_backoff=True).gave_up == 1
    assert row.status == OutboxStatus.FAILED


def test_old_done_rows_are_purged(app, make_message):
    keep_days = app.config["OUTBOX_KEEP_DAYS"]
    old = make_message(status=OutboxStatus.DONE, completed_at=datetime.now(UTC) - timedelta(days=keep_days + 1))
    fresh = make_message(status=OutboxStatus.DONE, completed_at=datetime.now(UTC))
    old_id, fresh_id = old.id, fresh.id
    assert sweep().purged == 1
    from matchmaker.extensions import db
    from matchmaker.models import OutboxMessage

    assert db.session.get(OutboxMessage, old_id) is None and db.session.get(OutboxMessage, fresh_id) is not None


def test_the_periodic_task_reports_what_it_did(app, make_message):
    make_message(payload={"key": "periodic"})
    task = app.extensions["celery"].tasks[sweep_outbox.name]
    assert task.apply().get() == {"sent": 1, "refused": 0, "gave_up": 0, "purged": 0}
    assert runs("periodic") == 1


def test_a_sample_row_uses_the_test_task(make_message):
    assert make_message().task == T + "touch"


def test_a_long_task_within_its_time_limit_is_not_sent_again(app, make_message, monkeypatch):
    celery = app.extensions["celery"]
    monkeypatch.setattr(celery.tasks[T + "slow"], "time_limit", 3 * 3600)
    long_running = make_message(
        task=T + "slow",
        status=OutboxStatus.DISPATCHED,
        payload={"key": "long", "seconds": 0},
        attempts=1,
        dispatched_at=datetime.now(UTC) - timedelta(hours=2),
    )
    assert sweep().sent == 0
    assert long_running.status == OutboxStatus.DISPATCHED


def test_the_cli_sends_everything_open_now(app, make_message):
    waiting = make_message(age=0, payload={"key": "cli"})
    result = app.test_cli_runner().invoke(args=["background", "sweep"])
    assert result.exit_code == 0 and "sent=1" in result.output
    assert waiting.status == OutboxStatus.DONE
