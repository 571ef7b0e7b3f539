"""The organisers' task page: failed rows with a retry button, runs with progress, reindex."""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template

from matchmaker.background import operations, progress
from matchmaker.models import AuditLog, OutboxStatus, Role, TaskRun, TaskStatus
from tests.background.conftest import T
from tests.background.sample_tasks import runs


def test_page_lists_failed_rows_and_runs(db, make_user, make_message, login_as):
    organiser = make_user(Role.ORGANISER)
    make_message(status=OutboxStatus.FAILED, last_error="gave up after 8 dispatches")
    progress.start("reindex", organiser.id)
    db.session.commit()
    html = login_as(organiser).get("/organiser/tasks").get_data(as_text=True)
    assert "gave up after 8 dispatches" in html and "重试" in html
    assert "重建推荐索引" in html and 'data-task-url="/tasks/' in html
    assert "js/progress.js" in html


def test_empty_page_says_what_to_do(db, make_user, login_as):
    html = login_as(make_user(Role.ORGANISER)).get("/organiser/tasks").get_data(as_text=True)
    assert "没有失败的任务" in html and "还没有长任务" in html


def test_retry_sends_a_failed_row_again(db, make_user, make_message, login_as):
    organiser = make_user(Role.ORGANISER)
    failed = make_message(status=OutboxStatus.FAILED, attempts=8, payload={"key": "again"})
    response = login_as(organiser).post(f"/organiser/outbox/{failed.id}/retry")
    assert response.status_code == 302
    assert (failed.status, failed.attempts) == (OutboxStatus.DONE, 1)
    assert runs("again") == 1
    assert db.session.scalar(sa.select(AuditLog.action).where(AuditLog.entity_id == failed.id)) == "outbox.retried"


def test_retry_refuses_rows_that_did_not_fail(db, make_user, make_message, login_as):
    pending = make_message(status=OutboxStatus.DONE)
    response = login_as(make_user(Role.ORGANISER)).post(f"/organiser/outbox/{pending.id}/retry", follow_redirects=True)
    assert "只有失败的任务可以重试" in response.get_data(as_text=True)


def test_reindex_waits_for_the_recommender_task(app, db, make_user, login_as):
    if operations.REINDEX_TASK in app.extensions["celery"].tasks:
        return  # the recommender's task exists: covered by the next test
    response = login_as(make_user(Role.ORGANISER)).post("/organiser/tasks/reindex", follow_redirects=True)
    assert "推荐模块尚未就绪" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TaskRun)) == 0


def test_reindex_queues_the_task_with_a_progress_bar(db, make_user, login_as, monkeypatch):
    monkeypatch.setattr(operations, "REINDEX_TASK", T + "steps")
    organiser = make_user(Role.ORGANISER)
    login_as(organiser).post("/organiser/tasks/reindex")
    run = db.session.scalar(sa.select(TaskRun))
    assert (run.kind, run.requested_by_id, run.status) == ("reindex", organiser.id, TaskStatus.SUCCEEDED)
    assert runs("steps") == 1
    assert db.session.scalar(sa.select(AuditLog.action).where(AuditLog.entity_type == "TaskRun")) == (
        "task.reindex_requested"
    )


def test_recent_tasks_partial_shows_the_users_runs(app, db, make_user, login_as):
    user, other = make_user(Role.TEAM), make_user(Role.TEAM)
    mine = progress.start("import", user.id)
    progress.start("import", other.id)
    db.session.commit()
    login_as(user)
    with app.test_request_context("/"):
        from flask_login import login_user

        login_user(user)
        html = render_template("background/_recent_tasks.html")
    assert html.count('class="task-progress') == 1 and f"/tasks/{mine.id}" in html


def test_recent_tasks_partial_is_empty_without_runs(app, db, make_user):
    with app.test_request_context("/"):
        from flask_login import login_user

        login_user(make_user(Role.TEAM))
        assert render_template("background/_recent_tasks.html").strip() == ""
