"""Journey, through the UI only: a university team nominates one of its results for the year's
山东好成果; the organiser asks an expert reviewer to evaluate it and selects it; the reviewer
writes the evaluation; the organiser adds its English and publishes the year's list; the public
page reads correctly in Chinese and English with the challenges each result is recommended for,
on a desktop and on a 390 px phone, with its print version and .xlsx."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import (
    check,
    check_english,
    demo_user,
    fill,
    goto,
    login,
    logout,
    organiser_menu,
    shot,
    submit,
)
from tests.browser.phone import PHONE, squeezed_cells, too_wide

EXPERT = ("expert@demo.cn", "Demo-expert-2026")  # seed_data/workflow.yaml
YEAR = 2027  # the demo data's selection still being made (seed_data/good_results.yaml)


def test_a_nominated_result_is_evaluated_selected_and_published(new_page) -> None:
    # 1. The demo team (a university) nominates one of its published results from the result's page.
    team = login(new_page(), *demo_user("team"))
    team.get_by_role("link", name="我的成果").first.click()
    check(team)
    team.locator("main").get_by_role("link", name="已发布").click()
    check(team)
    mine_url = team.url
    for n in range(10):
        team.locator("main table a[href^='/capabilities/']").nth(n).click()
        check(team)
        if team.get_by_role("link", name="推荐参加遴选").count():
            break
        goto(team, mine_url)
    expect(team.locator("main")).to_contain_text(f"{YEAR}年度山东好成果正在遴选")
    heading = team.get_by_role("heading", level=1).inner_text()
    team.get_by_role("link", name="推荐参加遴选").click()
    check(team)
    # The result whose page it came from is chosen already.
    title = team.locator("main").get_by_label("推荐的成果").locator("option:checked").inner_text().strip()
    assert heading.startswith(title), (heading, title)
    expect(team.locator("main")).to_contain_text(f"{YEAR}年度山东好成果")
    submit(team, "推荐")
    expect(team.locator("main")).to_contain_text(f"已推荐“{title}”")
    expect(team.locator("main tr").filter(has_text=title).filter(has_text=str(YEAR))).to_contain_text("待遴选")
    shot(team, "good-results-01-team-nominates")

    # 2. The organiser finds it among the nominations, asks the expert to evaluate it, selects it.
    organiser = login(new_page(), *demo_user("organiser"))
    organiser_menu(organiser, "榜单管理")
    organiser.locator("main").get_by_role("link", name="山东好成果").click()
    check(organiser)
    organiser.locator("main").get_by_role("link", name=f"{YEAR}年度山东好成果").click()
    check(organiser)
    edit_url = organiser.url
    nomination = organiser.locator("#nominations li").filter(has_text=title)
    nomination.get_by_role("link", name="请专家评价").click()
    check(organiser)
    fill(organiser, {"评审专家": "赵立新"})
    submit(organiser, "发送评价邀请")
    expect(organiser.locator("main")).to_contain_text("已邀请 赵立新 评价此成果")
    nomination = organiser.locator("#nominations li").filter(has_text=title)
    expect(nomination).to_contain_text("已请 赵立新 评价，尚未提交")
    with organiser.expect_navigation():
        nomination.get_by_role("button", name="选入").click()
    check(organiser)
    entry = organiser.locator("main li[id^=entry-]").filter(has_text=title).last
    expect(entry).to_contain_text("已请 赵立新 评价")

    # 3. The reviewer writes the evaluation from 成果评价.
    expert = login(new_page(), *EXPERT)
    expert.get_by_role("link", name="评审任务").first.click()
    check(expert)
    expert.locator("main").get_by_role("link", name=re.compile("成果评价邀请")).click()
    check(expert)
    expert.locator("main").get_by_role("link", name=title).first.click()  # to write: listed first
    check(expert)
    fill(
        expert,
        {
            "技术成熟度": "7级",
            "知识产权状况": "授权发明专利5项，权属清晰",
            "评价意见": "技术指标先进，已完成中试验证，适合与链上企业合作转化。",
        },
    )
    submit(expert, "提交评价")  # no category chosen: told so in Chinese, and what was typed stays
    expect(expert.locator("main")).to_contain_text("请选择成果类别")
    expect(expert.locator("main").get_by_label("知识产权状况")).to_have_value("授权发明专利5项，权属清晰")
    expert.locator("main").get_by_label("可转化").check()
    submit(expert, "提交评价")
    expect(expert.locator("main")).to_contain_text("评价已提交")
    shot(expert, "good-results-02-reviewer-evaluated")

    # 4. The organiser sees the evaluation, writes the English, publishes the year's list.
    goto(organiser, edit_url)
    entry = organiser.locator("main li[id^=entry-]").filter(has_text=title).last
    expect(entry).to_contain_text("可转化")
    entry.get_by_role("link", name="英文").click()
    check(organiser)
    organiser.get_by_label(re.compile("英文标题")).fill("A nominated result selected for the year")
    organiser.get_by_label(re.compile("英文摘要")).fill("Proven in a pilot line; ready to be taken up by firms.")
    submit(organiser, "保存")
    shot(organiser, "good-results-03-organiser-selection")
    confirm = organiser.locator("main").get_by_role("checkbox")
    if confirm.count():
        confirm.first.check()
    submit(organiser, "发布名单")
    expect(organiser.locator("main")).to_contain_text("名单已发布")
    organiser.locator("main").get_by_role("link", name="查看公开页面").click()
    check(organiser)
    public_url = organiser.url

    # 5. Anyone reads it: the result, its evaluation and the open challenges recommended for it.
    visitor = new_page()
    goto(visitor, public_url)
    row = visitor.locator("main tr").filter(has_text=title)
    expect(row).to_contain_text("可转化")
    expect(row).to_contain_text("技术成熟度 7 级")
    expect(row.locator("a[href*='/challenges/']").first).to_be_visible()
    shot(visitor, "good-results-04-public")

    with visitor.expect_navigation():
        visitor.locator("a[href*='lang=en']").first.click()
    check_english(visitor)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Shandong Good Research Results {YEAR}")
    row = visitor.locator("main tr").filter(has_text="A nominated result selected for the year")
    expect(row).to_contain_text("Ready for transfer")
    expect(row).to_contain_text("TRL 7")
    shot(visitor, "good-results-05-public-english")

    # On a phone, in both languages, the page fits the screen (its tables scroll in their box).
    phone = new_page(PHONE)
    for url in (public_url, public_url + "?lang=en"):
        goto(phone, url, chinese="lang=en" not in url)
        shot(phone, "phone-good-results" + ("-english" if "lang=en" in url else ""))
        assert not too_wide(phone) and not squeezed_cells(phone), too_wide(phone) or squeezed_cells(phone)

    # 6. The print version and the .xlsx.
    goto(visitor, public_url)
    visitor.get_by_role("link", name="打印版").click()
    check(visitor)
    expect(visitor.locator("body")).to_contain_text(title)
    shot(visitor, "good-results-06-print")
    goto(visitor, public_url)
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name=re.compile("Excel")).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    check(visitor)

    # 7. The team sees its result published.
    goto(team, "/good-results/mine")
    expect(team.locator("main tr").filter(has_text=title).filter(has_text=str(YEAR))).to_contain_text("已发布")
    logout(team)
