"""Organisers build the year's list: create, select from the pool, order, English text, publish."""

from __future__ import annotations

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.key_problems import queries
from matchmaker.models import AuditLog, ChallengeStatus, KeyProblemEntry, KeyProblemList, Notification, Setting


def test_organiser_creates_a_list_with_the_target_from_the_setting(client, login_as, organiser):
    db.session.add(Setting(key="key_problems.target", value=80))
    db.session.commit()
    login_as(organiser)

    page = client.get("/key-problems/manage").get_data(as_text=True)
    assert 'value="80"' in page

    response = client.post("/key-problems/manage", data={"year": 2027, "target": 80, "title": ""})

    assert response.status_code == 302 and response.headers["Location"].endswith("/key-problems/manage/2027")
    kp_list = queries.by_year(2027)
    assert kp_list.target == 80 and kp_list.title == "2027年度产业关键技术难题榜单"
    again = client.post("/key-problems/manage", data={"year": 2027, "target": 100})
    assert "已经存在" in again.get_data(as_text=True)


def test_default_target_is_one_hundred(db):
    assert queries.default_target() == 100
    assert queries.progress(2031) == {"year": 2031, "count": 0, "target": 100, "published": False}


def test_adding_from_the_pool_prefills_english_and_only_takes_published(
    client, login_as, organiser, firm, make_list, make_challenge
):
    kp_list = make_list()
    chosen = make_challenge(firm.organization, title_en="Spindle thermal error", summary_en="Spindle grows 25 um.")
    draft = make_challenge(firm.organization, status=ChallengeStatus.DRAFT)
    login_as(organiser)

    assert chosen.title in client.get("/key-problems/manage/2026").get_data(as_text=True)
    client.post("/key-problems/manage/2026/entries", data={"challenge_id": chosen.id})
    client.post("/key-problems/manage/2026/entries", data={"challenge_id": chosen.id})  # twice: refused
    client.post("/key-problems/manage/2026/entries", data={"challenge_id": draft.id})  # draft: refused

    db.session.expire_all()
    [entry] = kp_list.entries
    assert entry.challenge_id == chosen.id
    assert (entry.title_en, entry.summary_en) == ("Spindle thermal error", "Spindle grows 25 um.")
    assert db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "key_problems.entry_added")) is not None
    pool_ids = [c.id for c in db.session.scalars(queries.pool(kp_list))]
    assert chosen.id not in pool_ids and draft.id not in pool_ids


def test_pool_filters_by_chain_and_title(firm, make_list, make_challenge, chains):
    kp_list = make_list()
    equipment = make_challenge(firm.organization, title="机床主轴")
    energy = make_challenge(firm.organization, title="电池热失控")
    energy.primary_chain, energy.chains = chains["new-energy"], [chains["new-energy"]]
    db.session.commit()

    assert [c.id for c in db.session.scalars(queries.pool(kp_list, "new-energy"))] == [energy.id]
    assert [c.id for c in db.session.scalars(queries.pool(kp_list, "", "主轴"))] == [equipment.id]


def test_entries_are_grouped_by_chain_then_position_and_can_be_moved(
    client, login_as, organiser, firm, make_list, make_challenge, chains
):
    a, b = make_challenge(firm.organization, title="甲"), make_challenge(firm.organization, title="乙")
    energy = make_challenge(firm.organization, title="丙")
    energy.primary_chain, energy.chains = chains["new-energy"], [chains["new-energy"]]
    kp_list = make_list(challenges=[energy, a, b])

    groups = queries.grouped(kp_list, public=False)
    assert [(g.chain.code, [e.challenge.title for e in g.entries]) for g in groups] == [
        ("equipment", ["甲", "乙"]),
        ("new-energy", ["丙"]),
    ]
    entry_b = next(e for e in kp_list.entries if e.challenge_id == b.id)
    login_as(organiser)
    client.post(f"/key-problems/manage/2026/entries/{entry_b.id}/up")
    db.session.expire_all()
    assert [e.challenge.title for e in queries.grouped(kp_list, public=False)[0].entries] == ["乙", "甲"]

    client.post(f"/key-problems/manage/2026/entries/{entry_b.id}/remove")
    db.session.expire_all()
    assert queries.entry_count(kp_list.id) == 2


def test_publishing_needs_entries_and_tells_the_firms(client, login_as, organiser, firm, make_list, make_challenge):
    empty = make_list(year=2025)
    full = make_list(year=2026, challenges=[make_challenge(firm.organization)])
    login_as(organiser)

    client.post("/key-problems/manage/2025/publish", data={"confirm_gaps": "1"})
    client.post("/key-problems/manage/2026/publish", data={"confirm_gaps": "1"})  # 1 of 100: confirmed

    db.session.expire_all()
    assert empty.published_at is None
    assert full.published_at is not None
    notes = db.session.scalars(sa.select(Notification).where(Notification.user_id == firm.id)).all()
    assert any("入选" in n.title for n in notes)
    assert queries.progress(2026) == {"year": 2026, "count": 1, "target": 100, "published": True}

    client.post("/key-problems/manage/2026/unpublish")
    db.session.expire_all()
    assert full.published_at is None


def test_organiser_edits_target_and_introduction(client, login_as, organiser, make_list):
    kp_list = make_list()
    login_as(organiser)
    client.post(
        "/key-problems/manage/2026",
        data={"title": "2026年度榜单", "target": 120, "intro": "说明", "intro_en": "About the list"},
    )
    db.session.expire_all()
    assert (kp_list.title, kp_list.target, kp_list.intro_en) == ("2026年度榜单", 120, "About the list")
    page = client.get("/key-problems/manage/2026").get_data(as_text=True)
    assert "已选 0 项 / 目标 120 项" in page


def test_progress_partial_renders_for_the_home_page(app, organiser, make_list, firm, make_challenge):
    from flask import render_template

    make_list(year=queries.this_year(), target=90, challenges=[make_challenge(firm.organization)])
    with app.test_request_context("/"):
        html = render_template("key_problems/_home_progress.html")
    assert "1 / 90" in html


def test_only_organisers_curate(client, login_as, firm, make_list, make_challenge):
    kp_list = make_list()
    challenge = make_challenge(firm.organization)
    login_as(firm)
    assert client.post("/key-problems/manage", data={"year": 2030, "target": 5}).status_code == 403
    assert client.post("/key-problems/manage/2026/entries", data={"challenge_id": challenge.id}).status_code == 403
    assert client.post("/key-problems/manage/2026/publish").status_code == 403
    db.session.expire_all()
    assert kp_list.entries == [] and kp_list.published_at is None
    assert db.session.scalar(sa.select(KeyProblemList).where(KeyProblemList.year == 2030)) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(KeyProblemEntry)) == 0
