"""How a page's language is chosen and kept: ?lang=en only where there is English, links within
English stay English, the switch keeps path and query, missing English is shown as Chinese."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from flask_babel import force_locale

from matchmaker.i18n import en_or_zh, localized_date
from tests.i18n.helpers import assert_english_page, unmarked_chinese


def _hrefs(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page))


def _switch(page: str) -> str:
    switch = re.search(r'lang-switch">(.*?)</li>', page, re.S).group(1)
    return re.search(r'href="([^"]+)"', switch).group(1).replace("&amp;", "&")


def test_links_to_english_pages_keep_english_and_the_others_do_not(client, published_list):
    links = _hrefs(client.get("/key-problems/2026?lang=en").get_data(as_text=True))

    # Bilingual pages: the other year, the print version, the home page, the sign-in page.
    assert {"/key-problems/2025?lang=en", "/key-problems/2026/print?lang=en", "/?lang=en", "/login?lang=en"} <= links
    # Pages that exist in Chinese only are linked as they are; the Excel holds both languages.
    assert {"/challenges/", "/signup", "/key-problems/2026.xlsx"} <= links
    assert not any("lang=en" in href for href in links if href.startswith(("/challenges", "/signup", "/static")))


def test_chinese_pages_link_without_lang(client, published_list):
    links = _hrefs(client.get("/key-problems/2026").get_data(as_text=True))
    assert "/key-problems/2025" in links
    assert [href for href in links if "lang=" in href] == ["/key-problems/2026?lang=en"]  # the switch only


def test_the_switch_keeps_path_and_query(client, published_list):
    english = client.get("/key-problems/2026?q=%E4%B8%BB%E8%BD%B4&tag=a&tag=b&lang=en").get_data(as_text=True)
    assert _switch(english) == "/key-problems/2026?q=%E4%B8%BB%E8%BD%B4&tag=a&tag=b"

    chinese = client.get("/key-problems/2026?tag=a&tag=b").get_data(as_text=True)
    assert _switch(chinese) == "/key-problems/2026?tag=a&tag=b&lang=en"

    printed = client.get("/key-problems/2026/print?lang=en").get_data(as_text=True)
    assert 'href="/key-problems/2026/print" lang="zh-CN" hreflang="zh-CN">中文</a>' in printed


def test_signed_in_home_is_chinese_even_with_lang_en(client, firm, login_as):
    """The dashboards have no English: ?lang=en is ignored there rather than half applied."""
    login_as(firm)
    page = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="zh-CN">' in page and "lang-switch" not in page


def test_signing_in_from_the_english_page_lands_on_the_chinese_dashboard(client, firm):
    response = client.post("/login?lang=en", data={"email": firm.email, "password": "correct-horse-battery"})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_en_or_zh_shows_missing_english_as_marked_chinese(app):
    with app.test_request_context("/"):
        assert en_or_zh("Spindle", "主轴") == "主轴"
        assert en_or_zh(None, "<b>主轴</b>") == "&lt;b&gt;主轴&lt;/b&gt;"
        with force_locale("en"):
            assert en_or_zh("Spindle <b>", "主轴") == "Spindle &lt;b&gt;"
            fallback = en_or_zh("", "主轴")
            assert fallback.startswith('<span lang="zh" class="zh-fallback">主轴</span> ')
            assert "Chinese only" in fallback and unmarked_chinese(f'<html lang="en">{fallback}</html>') == []
            assert en_or_zh(None, "某大学", badge=False) == '<span lang="zh" class="zh-fallback">某大学</span>'
            assert en_or_zh(None, None) == ""


def test_dates_follow_the_page_language_in_china_time(app):
    evening_utc = datetime(2026, 3, 5, 20, 0, tzinfo=UTC)
    with app.test_request_context("/"):
        assert localized_date(evening_utc) == "2026-03-06"
        assert localized_date(date(2026, 10, 1)) == "2026-10-01"
        with force_locale("en"):
            assert localized_date(evening_utc) == "March 6, 2026"
            assert localized_date(None) == ""


def test_helper_finds_unmarked_chinese_in_text_and_attributes():
    marked = '<html lang="en"><p>Posted by <span lang="zh">某公司</span> <span lang="zh-CN">中文</span></p></html>'
    assert_english_page(marked)
    assert unmarked_chinese('<html lang="en"><p>Problem：</p></html>') == ["Problem："]
    assert unmarked_chinese('<html lang="en"><button aria-label="关闭">x</button></html>') == [
        "<button aria-label='关闭'>"
    ]
    # An element left open does not hide what follows it; a void element does not swallow it.
    assert unmarked_chinese('<html lang="en"><div lang="zh"><p>中文</div><br>菜单<img alt="图"></html>') == [
        "菜单",
        "<img alt='图'>",
    ]
