"""Editing a challenge: history of published posts and the optimistic lock."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from matchmaker.challenges import operations
from matchmaker.extensions import db
from matchmaker.models import AuditLog, Challenge, ChallengeStatus, Revision, Role
from matchmaker.posts.writes import EditConflict

CONFLICT = "该需求已被他人修改，请刷新后重新编辑；您填写的内容已保留在下方"


def revisions(challenge: Challenge) -> list[Revision]:
    query = sa.select(Revision).where(Revision.entity_type == "challenge", Revision.entity_id == challenge.id)
    return list(db.session.scalars(query.order_by(Revision.version)))


def test_edit_form_shows_the_saved_values(login_as, make_user, make_challenge, chains):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization, keywords=["数控机床", "热误差"], title="主轴热变形")
    client = login_as(firm)

    body = client.get(f"/challenges/{challenge.id}/edit").get_data(as_text=True)

    assert 'value="主轴热变形"' in body
    assert 'value="数控机床、热误差"' in body
    assert f'<option selected value="{chains["equipment"].id}">' in body
    assert 'name="version" type="hidden" value="1"' in body


def test_editing_a_published_challenge_keeps_the_old_version(login_as, make_user, make_challenge, challenge_data):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization, title="旧标题", problem="旧问题描述")
    client = login_as(firm)

    response = client.post(
        f"/challenges/{challenge.id}/edit", data=challenge_data(title="新标题", version="1"), follow_redirects=True
    )

    assert response.status_code == 200
    assert challenge.title == "新标题"
    assert challenge.status == ChallengeStatus.PUBLISHED
    [revision] = revisions(challenge)
    assert revision.version == 1
    assert revision.editor_id == firm.id
    assert revision.snapshot["title"] == "旧标题"
    assert revision.snapshot["problem"] == "旧问题描述"
    assert revision.snapshot["chains"] == ["高端装备"]
    assert db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "challenge.edited")).detail == {"version": 2}
    body = response.get_data(as_text=True)
    assert "修改记录" in body and "旧标题" in body


def test_history_is_shown_to_owner_and_organisers_only(client, login_as, make_user, make_challenge, challenge_data):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization, title="旧标题")
    login_as(firm)
    client.post(f"/challenges/{challenge.id}/edit", data=challenge_data(title="新标题", version="1"))
    client.post("/logout")
    url = f"/challenges/{challenge.id}"

    assert "修改记录" not in client.get(url).get_data(as_text=True)
    login_as(make_user(Role.FIRM))
    assert "修改记录" not in client.get(url).get_data(as_text=True)
    client.post("/logout")
    login_as(make_user(Role.ORGANISER))
    body = client.get(url).get_data(as_text=True)
    assert "修改记录" in body and "旧标题" in body


def test_editing_a_draft_keeps_no_history(login_as, make_user, make_challenge, challenge_data):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization, status=ChallengeStatus.DRAFT)
    client = login_as(firm)

    client.post(f"/challenges/{challenge.id}/edit", data=challenge_data(title="草稿改名", version="1"))

    assert challenge.title == "草稿改名"
    assert revisions(challenge) == []


def test_published_challenge_must_stay_complete(login_as, make_user, make_challenge, challenge_data):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization, title="不变")
    client = login_as(firm)

    response = client.post(f"/challenges/{challenge.id}/edit", data=challenge_data(goal="", title="改", version="1"))

    assert "发布前请填写预期目标。" in response.get_data(as_text=True)
    assert challenge.title == "不变"


def test_two_edits_of_one_challenge_do_not_overwrite_each_other(
    app, login_as, make_user, make_challenge, challenge_data
):
    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization, title="原标题")
    alice = login_as(firm)
    bob = app.test_client()
    bob.post("/login", data={"email": make_user(Role.FIRM, org=firm.organization).email, "password": _password()})
    url = f"/challenges/{challenge.id}/edit"
    assert 'value="1"' in alice.get(url).get_data(as_text=True)
    assert 'value="1"' in bob.get(url).get_data(as_text=True)

    first = alice.post(url, data=challenge_data(title="甲的修改", version="1"))
    second = bob.post(url, data=challenge_data(title="乙的修改", problem="乙填写的问题描述", version="1"))

    assert first.status_code == 302
    assert second.status_code == 409
    body = second.get_data(as_text=True)
    assert CONFLICT in body
    assert 'value="乙的修改"' in body and "乙填写的问题描述" in body  # what Bob typed is kept
    db.session.expire_all()
    assert db.session.get(Challenge, challenge.id).title == "甲的修改"
    assert len(revisions(challenge)) == 1


def test_a_concurrent_write_during_the_save_is_a_conflict(request_ctx, make_user, make_challenge, challenge_data):
    """The version matched when checked, but another writer committed before our UPDATE."""
    from werkzeug.datastructures import MultiDict

    from matchmaker.challenges.forms import ChallengeForm
    from matchmaker.posts.chains import chain_choices

    firm = make_user(Role.FIRM)
    challenge = make_challenge(firm.organization, title="原标题")
    form = ChallengeForm(MultiDict(challenge_data(title="迟到的修改", version="1")), meta={"csrf": False})
    form.chain.choices = form.chain_extra.choices = chain_choices(challenge, blank="-")
    assert form.validate(), form.errors
    db.session.execute(sa.update(Challenge).where(Challenge.id == challenge.id).values(title="抢先", version=2))

    with pytest.raises(EditConflict):
        operations.update(challenge, form, firm)


def _password() -> str:
    from tests.conftest import PASSWORD

    return PASSWORD


def test_every_write_tells_the_recommender(login_as, make_user, make_challenge, challenge_data, monkeypatch):
    from matchmaker.challenges import lifecycle

    saved = []
    monkeypatch.setattr(operations, "post_saved", saved.append)
    monkeypatch.setattr(lifecycle, "post_saved", saved.append)
    firm = make_user(Role.FIRM)
    client = login_as(firm)

    client.post("/challenges/new", data=challenge_data())
    challenge = db.session.scalar(sa.select(Challenge))
    client.post(f"/challenges/{challenge.id}/edit", data=challenge_data(title="改", version=str(challenge.version)))
    client.post(f"/challenges/{challenge.id}/publish")
    client.post(f"/challenges/{challenge.id}/withdraw")

    assert saved == [challenge] * 4
    assert challenge.status == ChallengeStatus.WITHDRAWN
