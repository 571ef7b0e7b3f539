"""Every task shown to a user has a Chinese name and a true state; in the embedded default a long
task runs after the response (the request does not wait for it) and its progress shows."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from matchmaker.background import operations, outbox, progress
from matchmaker.extensions import db as _db
from matchmaker.models import Role, TaskRun, TaskStatus, User
from tests.background import sample_tasks
from tests.background.conftest import T
from tests.conftest import PASSWORD, _reset_schema


def _preview(user, status=TaskStatus.QUEUED) -> TaskRun:
    run = TaskRun(kind="imports.preview", status=status, progress=100, requested_by_id=user.id, result={})
    _db.session.add(run)
    _db.session.commit()
    return run


def test_an_import_awaiting_confirmation_is_not_a_stuck_task(db, firm, organiser, login_as, client):
    run = _preview(firm)
    home = login_as(firm).get("/").get_data(as_text=True)
    assert "批量导入" in home and "待确认" in home
    assert "imports.preview" not in home and "排队中" not in home
    assert f"/imports/{run.id}" in home  # the requester can carry on from there
    client.post("/logout")
    tasks = login_as(organiser).get("/organiser/tasks").get_data(as_text=True)
    assert "批量导入" in tasks and "待确认" in tasks and "imports.preview" not in tasks
    assert f'href="/imports/{run.id}"' not in tasks  # someone else's preview: no link


def test_states_in_json_stop_the_polling(db, firm, login_as):
    waiting, cancelled = _preview(firm), _preview(firm, TaskStatus.FAILED)
    client = login_as(firm)
    body = client.get(f"/tasks/{waiting.id}").get_json()
    assert (body["label"], body["status"], body["status_label"], body["finished"]) == (
        "批量导入",
        "awaiting",
        "待确认",
        True,
    )
    body = client.get(f"/tasks/{cancelled.id}").get_json()
    assert (body["status"], body["status_label"]) == ("cancelled", "已取消")


def test_unknown_kinds_get_a_chinese_name(db, organiser):
    run = progress.start("some.feature.task", organiser.id)
    assert progress.label(run.kind) == "后台任务"
    progress.register_kind("some.feature.task", "测试任务")
    try:
        assert progress.label(run.kind) == "测试任务"
    finally:
        progress.KIND_LABELS.pop("some.feature.task")


@pytest.fixture
def threaded_app(other_app, db):
    """The embedded default as `make run` has it: its own SQLite file, long tasks in a thread."""
    app = other_app(EAGER_LONG_TASKS_IN_THREAD=True)
    _reset_schema(app)
    return app


def test_reindex_returns_at_once_and_shows_progress(threaded_app, monkeypatch):
    monkeypatch.setattr(operations, "REINDEX_TASK", T + "gated")
    sample_tasks.GATE.clear()
    app = threaded_app
    with app.app_context():
        from matchmaker.models import Organization, OrgKind
        from matchmaker.organizations.credit_code import fictional

        org = Organization(kind=OrgKind.AGENCY, name="组织方", credit_code=fictional("tz", "济南市"), city="济南市")
        user = User(organization=org, role=Role.ORGANISER, email="org@example.cn", name="组织者")
        user.set_password(PASSWORD)
        _db.session.add_all([org, user])
        _db.session.commit()
    client = app.test_client()
    client.post("/login", data={"email": "org@example.cn", "password": PASSWORD})
    try:
        started = time.monotonic()
        response = client.post("/organiser/tasks/reindex", follow_redirects=True)
        took = time.monotonic() - started
        assert response.status_code == 200 and "已开始重建推荐索引" in response.get_data(as_text=True)
        assert took < 5  # the task waits for the gate (up to 20 s): the request did not
        with app.app_context():
            run_id = _db.session.scalar(sa.select(TaskRun.id))
        for _ in range(100):  # the thread reports half-way almost at once
            body = client.get(f"/tasks/{run_id}").get_json()
            if body["progress"] == 50:
                break
            time.sleep(0.05)
        assert (body["status"], body["progress"], body["message"], body["finished"]) == ("running", 50, "一半", False)
    finally:
        sample_tasks.GATE.set()
        outbox.wait_for_threads(20)
    body = client.get(f"/tasks/{run_id}").get_json()
    assert (body["status"], body["progress"], body["finished"]) == ("succeeded", 100, True)
