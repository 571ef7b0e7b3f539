"""The public pages read wholly in English with ?lang=en: chrome from the catalogue, data fields in
English where there is English and visibly marked Chinese where there is not."""

from __future__ import annotations

import pytest

from tests.i18n.helpers import assert_english_page


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def test_key_problem_list_in_english(client, published_list):
    page = _get(client, "/key-problems/2026?lang=en")

    assert_english_page(page)
    assert "<title>Key Technical Problems of Shandong's Industrial Chains 2026 · " in page
    for heading in ("No.", "Problem", "Summary", "Posted by", "Printable version", "2 problems", "Other years"):
        assert heading in page
    assert "Published: March 6, 2026" in page  # English date, in China time
    assert "High-End Equipment" in page and "Spindle thermal growth" in page and "Grows 25 um in 4 h." in page
    # The entry without English shows its Chinese title, marked as such and flagged for the reader.
    assert '<span lang="zh" class="zh-fallback">只有中文的难题</span>' in page and "Chinese only" in page


def test_print_page_in_english(client, published_list):
    page = _get(client, "/key-problems/2026/print?lang=en")

    assert_english_page(page)
    assert "<title>Key Technical Problems of Shandong's Industrial Chains 2026</title>" in page
    assert "Ctrl+P" in page and "Posted by" in page and "March 6, 2026" in page
    assert '<span lang="zh" class="zh-fallback">面向全球发布</span>' in page  # intro without English


def test_latest_list_and_empty_list_in_english(client, db):
    page = _get(client, "/key-problems/?lang=en")
    assert_english_page(page)
    assert "has not been published yet" in page


def test_home_page_for_visitors_in_english(client, published_list):
    page = _get(client, "/?lang=en")

    assert_english_page(page)
    assert "Register your organisation" in page and "Browse by industrial chain" in page
    assert "2 technology needs" not in page  # the count is in its own element; the label is plural-aware
    assert "technology needs" in page and "High-End Equipment" in page and "2 needs" in page


def test_sign_in_page_in_english_also_with_errors(client, firm):
    assert_english_page(_get(client, "/login?lang=en"))

    empty = client.post("/login?lang=en", data={}).get_data(as_text=True)
    assert_english_page(empty)
    assert "Please enter your email address." in empty

    wrong = client.post("/login?lang=en", data={"email": firm.email, "password": "wrong-password-1"})
    page = wrong.get_data(as_text=True)
    assert_english_page(page)
    assert "The email address or password is incorrect." in page


@pytest.mark.parametrize("url", ["/no-such-page?lang=en", "/key-problems/1999?lang=en"])
def test_missing_page_in_english(client, db, url):
    response = client.get(url)
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert_english_page(page)
    assert "This page does not exist or has been removed." in page and "Back to the home page" in page


def _signed_in(client, login_as, user) -> None:
    login_as(user)
    client.get("/")  # shows (and so drops) the Chinese welcome flashed by the Chinese sign-in


def test_forbidden_page_of_a_chinese_only_view_in_english(client, team, login_as):
    _signed_in(client, login_as, team)
    response = client.get("/organiser/verification?lang=en")
    assert response.status_code == 403
    assert_english_page(response.get_data(as_text=True))


def test_signed_in_navigation_is_english_too(client, published_list, firm, login_as):
    """Every navigation label in base.html is translated, not only the visitors' ones."""
    _signed_in(client, login_as, firm)
    page = _get(client, "/key-problems/2026?lang=en")
    assert_english_page(page)
    assert "Sign out" in page and "Change password" in page and "My needs" in page


def test_chinese_pages_are_unchanged(client, published_list):
    page = _get(client, "/key-problems/2026")

    assert '<html lang="zh-CN">' in page
    assert "<title>2026年度产业关键技术难题榜单 · 产学研精准对接平台</title>" in page
    assert '<h1 class="h3 mb-1">2026年度产业关键技术难题榜单</h1>' in page
    assert "Key Technical Problems of Shandong's Industrial Chains · 2026" in page  # the English subtitle stays
    chrome = (
        "序号",
        "难题名称",
        "主要问题",
        "发布单位",
        "下载 Excel",
        "打印版",
        "发布日期：2026-03-06 · 共 2 项",
        "往年榜单：",
    )
    for text in chrome:
        assert text in page
    assert "Posted by" not in page and "Chinese only" not in page and "zh-fallback" not in page
    # Chinese first, the English title beside it where there is one.
    assert '<div class="text-muted small" lang="en">Spindle thermal growth</div>' in page

    printed = _get(client, "/key-problems/2026/print")
    assert '<html lang="zh-CN">' in printed and "使用浏览器的打印功能（Ctrl+P）打印或另存为 PDF。" in printed
    assert "山东省标志性产业链产学研精准对接平台 · 2026-03-06" in printed

    home = _get(client, "/")
    assert "项技术需求" in home and "高端装备" in home and "Chinese only" not in home


def test_a_page_without_english_ignores_lang_en(client, published_list):
    """?lang=en on a page that was never translated shows it wholly in Chinese, not half in English."""
    page = _get(client, "/challenges/?lang=en")
    assert '<html lang="zh-CN">' in page and "技术需求" in page
    assert "lang-switch" not in page  # no switch to an English that does not exist
    with pytest.raises(AssertionError, match='lang="zh-CN"'):
        assert_english_page(page)
