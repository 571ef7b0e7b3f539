"""TaskRun progress: start, update in its own transaction, finish/fail with a notification."""

from __future__ import annotations

import sqlalchemy as sa

from matchmaker.background import progress
from matchmaker.background.outbox import enqueue
from matchmaker.background.transactions import short_transaction
from matchmaker.models import Notification, Role, TaskRun, TaskStatus
from tests.background.conftest import T


def _seen_elsewhere(run_id: int) -> tuple:
    with short_transaction() as session:
        return session.execute(
            sa.select(TaskRun.status, TaskRun.progress, TaskRun.message).where(TaskRun.id == run_id)
        ).one()


def _notes(db, user) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id)))


def test_update_is_visible_outside_the_tasks_transaction(db, make_user):
    run = progress.start("reindex", make_user(Role.ORGANISER).id)
    db.session.commit()
    assert _seen_elsewhere(run.id) == (TaskStatus.QUEUED, 0, "")
    progress.update(run.id, 40, "已处理 400/1000")
    assert _seen_elsewhere(run.id) == (TaskStatus.RUNNING, 40, "已处理 400/1000")
    progress.update(run.id, 250, "")
    assert _seen_elsewhere(run.id)[1] == 100


def test_finish_tells_the_requester(db, make_user):
    user = make_user(Role.ORGANISER)
    run = progress.start("reindex", user.id)
    progress.finish(run.id, "索引版本 v2", {"documents": 12})
    assert (run.status, run.progress, run.result) == (TaskStatus.SUCCEEDED, 100, {"documents": 12})
    [note] = _notes(db, user)
    assert note.title == "后台任务已完成：重建推荐索引" and note.body == "索引版本 v2"
    progress.fail(run.id, "too late")  # finished runs stay finished
    assert run.status == TaskStatus.SUCCEEDED


def test_fail_records_the_reason_and_tells_the_requester(db, make_user):
    user = make_user(Role.FIRM)
    run = progress.start("import", user.id)
    progress.fail(run.id, "第 3 行：统一社会信用代码无效")
    assert run.status == TaskStatus.FAILED and run.finished_at is not None
    [note] = _notes(db, user)
    assert note.title == "后台任务失败：批量导入" and "第 3 行" in note.body


def test_outbox_tasks_drive_their_task_run(db, make_user, commit_and_dispatch):
    user = make_user(Role.ORGANISER)
    ok = progress.start("reindex", user.id)
    bad = progress.start("reindex", user.id)
    enqueue(T + "steps", key="s", steps=2, task_run_id=ok.id)
    enqueue(T + "broken", key="b", task_run_id=bad.id)
    commit_and_dispatch()
    assert (ok.status, ok.progress, ok.started_at is not None) == (TaskStatus.SUCCEEDED, 100, True)
    assert ok.message == "第 2 步"  # the last progress message stays as the outcome
    assert bad.status == TaskStatus.FAILED and "broken on purpose" in bad.message
    assert sorted(n.title for n in _notes(db, user)) == ["后台任务失败：重建推荐索引", "后台任务已完成：重建推荐索引"]


def test_status_json_for_the_requester_and_organisers_only(client, db, make_user, login_as):
    owner, other, organiser = make_user(Role.FIRM), make_user(Role.FIRM), make_user(Role.ORGANISER)
    run = progress.start("reindex", owner.id)
    db.session.commit()
    progress.update(run.id, 30, "进行中")
    body = login_as(owner).get(f"/tasks/{run.id}").get_json()
    assert body["status"] == "running" and body["progress"] == 30 and body["message"] == "进行中"
    assert body["label"] == "重建推荐索引" and body["finished"] is False
    client.post("/logout")
    assert login_as(other).get(f"/tasks/{run.id}").status_code == 404
    client.post("/logout")
    assert login_as(organiser).get(f"/tasks/{run.id}").get_json()["id"] == run.id
