"""The organiser's events journey, through the UI only: plan next year from the demo data (the
proposal covers every chain, on working days, and says why), publish the plan and an event,
invite from the suggestions and by hand; a firm accepts from its inbox, a team registers and is
approved; the public page reads in Chinese and in English and its .ics is a calendar."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.helpers import check, check_english, demo_user, fill, goto, login, organiser_menu, shot, submit

CHAINS = 11  # the demo data's active chains: the proposal must cover them all


def test_an_organiser_plans_the_year_and_fills_an_event(new_page) -> None:
    year = datetime.now(ZoneInfo("Asia/Shanghai")).year + 1
    organiser = login(new_page(), *demo_user("organiser"))

    # 1. The year plan from 活动管理: target 6 for 11 chains, a summer blackout.
    organiser_menu(organiser, "活动管理")
    organiser.get_by_role("link", name="年度活动计划").first.click()
    check(organiser)
    fill(organiser, {"年度": str(year), "目标活动场次": "6", "两场活动最少间隔（天）": "21"})
    organiser.locator("main").get_by_label(re.compile("不安排活动的时段")).fill(f"{year}-07-20 至 {year}-08-20")
    submit(organiser, "生成建议方案")
    expect(organiser.get_by_role("heading", level=1)).to_contain_text(f"{year} 年活动计划")
    cards = organiser.locator("main .plan-event")
    expect(cards).to_have_count(6)
    shot(organiser, "events-plan")
    themes = set(organiser.locator("main .plan-event .badge.border").all_inner_texts())
    assert len(themes) == CHAINS, themes
    for card in cards.all():
        day = date.fromisoformat(card.locator(".small.text-muted").first.inner_text()[:10])
        assert day.year == year and day.weekday() < 5 and not (date(year, 7, 20) <= day <= date(year, 8, 20))
        card.get_by_text("为什么这样安排").click()
        expect(card.locator("details p")).to_contain_text("开放需求")
    submit(organiser, "发布计划")
    expect(organiser.locator("main")).to_contain_text("已发布")

    # 2. Open the first event, give it an English title and a venue, publish it.
    cards.first.get_by_role("link").first.click()
    check(organiser)
    organiser.get_by_role("link", name="编辑").first.click()
    check(organiser)
    fill(
        organiser, {"英文名称（可选）": "Matchmaking Day of Shandong's Industrial Chains", "地点": "学术交流中心报告厅"}
    )
    submit(organiser, "保存")
    submit(organiser, "改为“报名中”")
    expect(organiser.locator("main")).to_contain_text("报名中")
    event_url = organiser.url.replace("/organise", "")
    title = organiser.get_by_role("heading", level=1).inner_text().strip()

    # 3. Invite from the suggestions (firms with open demand, teams the recommender matches),
    #    and the demo firm by hand.
    organiser.get_by_role("link", name="邀请参会单位").click()
    check(organiser)
    shot(organiser, "events-invite")
    suggested = organiser.locator("main input[name=org]:checked").count()
    assert suggested > 0
    submit(organiser, "向勾选的单位发送邀请")
    expect(organiser.locator("main")).to_contain_text(f"已向 {suggested} 家单位发出邀请")
    organiser.get_by_role("link", name="邀请单位").click()
    check(organiser)
    fill(organiser, {"添加单位": "青岛海岳智能装备股份有限公司"})
    submit(organiser, "邀请该单位")

    # 4. The firm answers from its inbox.
    firm = login(new_page(), *demo_user("firm"))
    firm.locator("nav").get_by_role("link", name=re.compile("通知")).click()
    check(firm)
    invitation = firm.locator("main li").filter(has_text=f"邀请参加：{title}").first
    with firm.expect_navigation(wait_until="load"):
        invitation.get_by_role("button", name="查看").click()
    check(firm)
    submit(firm, "接受邀请")
    expect(firm.locator("main")).to_contain_text("已接受邀请")

    # 5. The demo university: invited from the suggestions it accepts; otherwise it registers
    #    itself and the organiser approves it.
    team = login(new_page(), *demo_user("team"))
    goto(team, event_url)
    if team.locator("main").get_by_role("button", name="接受邀请").count():
        submit(team, "接受邀请")
        expect(team.locator("main")).to_contain_text("已接受邀请")
    else:
        team.locator("main").get_by_label(re.compile("报名说明")).fill("希望与本主题企业交流合作。")
        submit(team, "报名参加")
        expect(team.locator("main")).to_contain_text("待审核")
        goto(organiser, event_url + "/participants?status=registered")
        submit(organiser, "通过")
        goto(team, event_url)
        expect(team.locator("main")).to_contain_text("已通过")
    goto(organiser, event_url + "/participants")
    shot(organiser, "events-participants")
    expect(organiser.locator("main")).to_contain_text("青岛海岳智能装备股份有限公司")

    # 6. The public page in Chinese and English, and its calendar file.
    visitor = new_page()
    goto(visitor, event_url)
    shot(visitor, "events-public-zh")
    visitor.get_by_role("link", name="English").click()
    check_english(visitor)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Matchmaking Day")
    shot(visitor, "events-public-en")
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name=re.compile("calendar")).click()
    [item] = Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")
    assert str(item["summary"]) == "Matchmaking Day of Shandong's Industrial Chains"
    assert item.decoded("dtstart").year == year
