"""Journey 3, through the UI only: an organiser curates the yearly list of key problems (picks
published challenges by chain, orders them, writes English titles and the introduction),
publishes it, and reads the public page in Chinese and in English, its print view and .xlsx."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.browser.helpers import check, check_english, demo_user, fill, goto, login, organiser_menu, shot, submit
from tests.browser.phone import PHONE, squeezed_cells, too_wide

CHAINS = ["新能源装备", "高端装备", "医药"]


def test_an_organiser_publishes_the_yearly_list(new_page) -> None:
    # Next year's list: the demo data may already hold this year's.
    year = datetime.now(ZoneInfo("Asia/Shanghai")).year + 1
    organiser = login(new_page(), *demo_user("organiser"))

    # 1. Create the list from 榜单管理.
    organiser_menu(organiser, "榜单管理")
    fill(organiser, {"年度": str(year), "目标数量": str(len(CHAINS))})
    submit(organiser, "创建")
    expect(organiser.get_by_role("heading", level=1)).to_contain_text(str(year))
    edit_url = organiser.url

    # 2. Pick one published challenge from each of three chains.
    picked = []
    for chain in CHAINS:
        organiser.locator("main").get_by_label("产业链").select_option(label=chain)
        with organiser.expect_navigation():
            organiser.get_by_role("button", name="查找").click()
        check(organiser)
        candidate = organiser.locator("main li").filter(has=organiser.get_by_role("button", name="选入")).first
        picked.append(candidate.get_by_role("link").first.inner_text())
        with organiser.expect_navigation():
            candidate.get_by_role("button", name="选入").click()
        check(organiser)
    entries = organiser.locator("main li[id^=entry-]")
    expect(entries).to_have_count(len(CHAINS))
    # Entries are grouped by chain in the chains' order; within a chain ↑/↓ reorder them.
    expect(organiser.locator("main")).to_contain_text(f"已选 {len(CHAINS)} 项")

    # 3. English titles and summaries for every entry, then the English introduction.
    for n in range(len(CHAINS)):
        entry = organiser.locator("main li[id^=entry-]").nth(n)
        entry.get_by_role("link", name="英文").click()
        check(organiser)
        title = organiser.get_by_label(re.compile("英文标题"))
        if not title.input_value():
            title.fill(f"Key technical problem number {n + 1} of the Shandong industrial chains")
        organiser.get_by_label(re.compile("英文摘要")).fill(
            "The firm seeks a university team to raise yield and cut cost; targets and budget are on the page."
        )
        submit(organiser, "保存")
        if organiser.url != edit_url:
            goto(organiser, edit_url)
    fill(
        organiser,
        {
            "英文说明（Introduction）": "Each year Shandong publishes about one hundred key technical problems of its "
            "flagship industrial chains and invites solutions from teams worldwide."
        },
    )
    submit(organiser, "保存设置")
    shot(organiser, "organiser-02-yearly-list-edit")

    # 4. Publish (confirming the publish check if it lists anything still missing).
    goto(organiser, edit_url)
    confirm = organiser.locator("main").get_by_role("checkbox")
    if confirm.count():
        confirm.first.check()
    submit(organiser, "发布榜单")
    expect(organiser.locator("main")).to_contain_text("已发布")

    # 5. The public page, in Chinese, lists every picked challenge grouped by chain.
    organiser.locator("main").get_by_role("link", name="查看公开页面").click()
    check(organiser)
    public_url = organiser.url
    for title in picked:
        expect(organiser.locator("main")).to_contain_text(title)
    shot(organiser, "public-01-yearly-list")

    # Anyone can read it, with no sign-in.
    visitor = new_page()
    goto(visitor, public_url)
    for chain in CHAINS:
        expect(visitor.locator("main")).to_contain_text(chain)

    # 6. The English page: interface in English, Chinese-only data marked as such.
    english = visitor.locator("a[href*='lang=en']")
    if english.count():
        with visitor.expect_navigation():
            english.first.click()
    else:
        visitor.goto(public_url + "?lang=en", wait_until="load")
    check_english(visitor)
    expect(visitor.get_by_role("heading", level=1)).not_to_contain_text(re.compile(r"[\u4e00-\u9fff]"))
    expect(visitor.locator("main")).to_contain_text("Key technical problem number 1")
    shot(visitor, "public-02-yearly-list-english")

    # On a phone, in both languages, the list fits the screen (its tables stack or scroll).
    phone = new_page(PHONE)
    for url in (public_url, public_url + "?lang=en"):
        goto(phone, url, chinese="lang=en" not in url)
        shot(phone, "phone-public-yearly-list" + ("-english" if "lang=en" in url else ""))
        assert not too_wide(phone) and not squeezed_cells(phone), too_wide(phone) or squeezed_cells(phone)

    # 7. The print view and the .xlsx download.
    goto(visitor, public_url)
    visitor.get_by_role("link", name="打印版").click()
    check(visitor)
    for title in picked:
        expect(visitor.locator("body")).to_contain_text(title)
    shot(visitor, "public-03-yearly-list-print")
    goto(visitor, public_url)
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name=re.compile("Excel")).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    check(visitor)
