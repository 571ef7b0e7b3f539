"""The public yearly list: published years only, both languages, Excel and print versions,
and the owning firm's English text."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from matchmaker.extensions import db
from matchmaker.models import ChallengeStatus, Role


def _published(make_list, challenges, year: int = 2026):
    return make_list(year=year, challenges=challenges, published_at=datetime.now(UTC), intro_en="Open to the world")


def test_only_published_lists_are_public(client, firm, make_list, make_challenge):
    make_list(year=2026, challenges=[make_challenge(firm.organization, title="未发布榜单里的需求")])

    latest = client.get("/key-problems/").get_data(as_text=True)
    assert "尚未发布" in latest and "未发布榜单里的需求" not in latest
    assert client.get("/key-problems/2026").status_code == 404
    assert client.get("/key-problems/2026.xlsx").status_code == 404
    assert client.get("/key-problems/2026/print").status_code == 404


def test_the_latest_published_year_is_shown_grouped_by_chain(client, firm, make_list, make_challenge):
    _published(make_list, [make_challenge(firm.organization, title="旧榜单需求")], year=2025)
    listed = make_challenge(firm.organization, title="主轴热变形", title_en="Spindle thermal growth")
    withdrawn = make_challenge(firm.organization, title="已撤回的需求")
    _published(make_list, [listed, withdrawn], year=2026)
    withdrawn.status = ChallengeStatus.WITHDRAWN
    db.session.commit()

    page = client.get("/key-problems/").get_data(as_text=True)

    assert "2026年度产业关键技术难题榜单" in page
    assert "主轴热变形" in page and "Spindle thermal growth" in page and "高端装备" in page
    assert "已撤回的需求" not in page
    assert "旧榜单需求" not in page and "/key-problems/2025" in page
    assert "某精机" not in page  # confidential detail never appears


def test_english_chrome_with_lang_en(client, firm, make_list, make_challenge):
    _published(make_list, [make_challenge(firm.organization)])
    page = client.get("/key-problems/2026?lang=en").get_data(as_text=True)
    assert "Key Technical Problems" in page and "Posted by" in page and "Open to the world" in page
    assert "发布单位" not in page


def test_excel_download_has_both_languages(client, firm, make_list, make_challenge):
    challenge = make_challenge(firm.organization, title="主轴热变形")
    kp_list = _published(make_list, [challenge])
    kp_list.entries[0].title_en = "Spindle thermal growth"
    db.session.commit()

    response = client.get("/key-problems/2026.xlsx")

    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(response.data)).worksheets[0].iter_rows()]
    assert rows[0][0] == "2026年度产业关键技术难题榜单"
    assert rows[2][:5] == [1, "高端装备", None, "主轴热变形", "Spindle thermal growth"]
    assert "某精机" not in repr(rows) and "0531-88880000" not in repr(rows)


def test_print_page_has_no_navigation_and_print_css(client, firm, make_list, make_challenge):
    _published(make_list, [make_challenge(firm.organization, title="主轴热变形")])
    page = client.get("/key-problems/2026/print").get_data(as_text=True)
    assert "主轴热变形" in page
    assert "navbar" not in page and "key_problems.css" in page


def test_firm_writes_english_for_its_own_entry_only(client, login_as, firm, make_user, make_list, make_challenge):
    kp_list = _published(make_list, [make_challenge(firm.organization)])
    entry = kp_list.entries[0]
    url = f"/key-problems/entries/{entry.id}/english"

    login_as(make_user(Role.FIRM))
    assert client.post(url, data={"title_en": "Hijacked", "summary_en": "x"}).status_code == 403
    client.post("/logout")

    login_as(firm)
    assert "填写英文" in client.get("/key-problems/mine").get_data(as_text=True)
    response = client.post(url, data={"title_en": "Spindle thermal growth", "summary_en": "Grows 25 um in 4 h."})

    assert response.status_code == 302
    db.session.expire_all()
    assert (entry.title_en, entry.summary_en) == ("Spindle thermal growth", "Grows 25 um in 4 h.")
    assert "Grows 25 um in 4 h." in client.get("/key-problems/2026").get_data(as_text=True)


def test_english_title_is_limited(client, login_as, firm, make_list, make_challenge):
    entry = _published(make_list, [make_challenge(firm.organization)]).entries[0]
    login_as(firm)
    response = client.post(f"/key-problems/entries/{entry.id}/english", data={"title_en": "x" * 201})
    assert response.status_code == 200 and "最多200个字符" in response.get_data(as_text=True)


def test_challenge_panel_shows_selection_and_edit_link_to_owner(app, firm, make_list, make_challenge):
    from flask import render_template

    challenge = make_challenge(firm.organization)
    entry = _published(make_list, [challenge]).entries[0]
    with app.test_request_context("/"):
        html = render_template("key_problems/_challenge_panel.html", challenge=challenge)
    assert "入选 2026年度产业关键技术难题榜单" in html
    assert f"/key-problems/entries/{entry.id}/english" not in html  # anonymous: no edit link
