"""From a meeting to a deal carried through, in the UI only: after the demo's closed event the
firm and the university record an intent on their meeting, the organiser hands the deal that opens
to the demo technology manager, who moves it 对接 → 会商 → 落实 with a note; the firm sees the
stage and who follows it. The board and the pages are checked on a 390-px phone too."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from tests.browser.dashboard_page import FUNNEL_VALUES, charts_drawn, funnel_agreements
from tests.browser.helpers import china_today, demo_user, fill, goto, login, organiser_menu, shot, submit
from tests.browser.phone import PHONE, squeezed_cells, too_wide

EVENT = "高端装备产业链“企业走进高校”精准对接会"  # closed; the demo pair met there (seed_data/deals.yaml)
FIRM, UNIVERSITY = "青岛海岳智能装备股份有限公司", "山东大学"
MANAGER = ("manager@demo.cn", "Demo-manager-2026")


def report_intent(page: Page, counterpart: str, comment: str) -> None:
    """From the home page's panel to the event's outcomes, then the meeting with `counterpart`."""
    panel = page.locator("main section").filter(has_text="洽谈成果与对接跟进")
    expect(panel).to_contain_text(EVENT)
    with page.expect_navigation(wait_until="load"):
        panel.get_by_role("link", name=EVENT).click()
    row = page.locator("#report-table tbody tr").filter(has_text=counterpart)
    expect(row).to_contain_text("未填写")
    with page.expect_navigation(wait_until="load"):
        row.get_by_role("link", name="填写成果").click()
    page.locator("main").get_by_label("有合作意向").check()
    fill(page, {"说明（可选）": comment})
    submit(page, "保存")
    expect(page.locator("main")).to_contain_text("已保存洽谈成果：有合作意向")
    expect(page.locator("#report-table tbody tr").filter(has_text=counterpart)).to_contain_text("有合作意向")


def from_user_menu(page: Page, name: str) -> None:
    page.locator("#user-menu").click()
    with page.expect_navigation(wait_until="load"):
        page.locator("nav .dropdown-menu").get_by_role("link", name=name).click()


def fits_phone(page: Page) -> None:
    faults = [f for f in (too_wide(page), squeezed_cells(page)) if f]
    assert not faults, faults


def test_a_meeting_becomes_a_deal_carried_to_implementation(new_page) -> None:
    # 1. Both sides report an intent on their meeting.
    firm = login(new_page(), *demo_user("firm"))
    report_intent(firm, UNIVERSITY, "双方对智能产线数据采集合作意向明确。")
    shot(firm, "deals-report-firm")
    team = login(new_page(), *demo_user("team"))
    report_intent(team, FIRM, "可派团队到企业现场调研。")

    # 2. The organiser finds the new deal (对接, unassigned) and hands it to the manager.
    organiser = login(new_page(), *demo_user("organiser"))
    organiser_menu(organiser, "对接跟进")
    fill(organiser, {"技术经理人": "未分派"})
    submit(organiser, "筛选")
    row = organiser.locator("#deal-table tbody tr").filter(has_text=f"{FIRM} × {UNIVERSITY}")
    expect(row).to_contain_text("对接")
    shot(organiser, "deals-index")
    with organiser.expect_navigation(wait_until="load"):
        row.get_by_role("link").first.click()
    deal_url = organiser.url
    organiser.locator("main select[name=manager]").select_option(label="周启航（高级技术经理人）")
    submit(organiser, "分派", exact=True)
    expect(organiser.locator("#deal-manager")).to_contain_text("周启航")
    # The dashboard's funnel before the deal is signed (this year's agreements, table and chart).
    goto(organiser, "/dashboard/")
    charts_drawn(organiser)
    agreements_before = funnel_agreements(organiser)

    # 3. The manager: the board, then 对接 → 会商 → 落实 with a note.
    manager = login(new_page(), *MANAGER)
    from_user_menu(manager, "我的跟进")
    card = (
        manager.locator("#deal-board section")
        .filter(has_text="对接")
        .locator(".deal-card")
        .filter(has_text=f"{FIRM} × {UNIVERSITY}")
    )
    expect(card).to_have_count(1)
    shot(manager, "deals-board")
    with manager.expect_navigation(wait_until="load"):
        card.get_by_role("link").first.click()
    assert manager.url == deal_url
    fill(manager, {"阶段": "会商"})
    submit(manager, "更新阶段")
    expect(manager.locator("#deal-stage")).to_have_text("会商")
    fill(manager, {"新的一条记录": "组织双方线上会商，确定先做一条产线的数据采集试点。"})
    submit(manager, "添加记录")
    fill(manager, {"下一步": "起草技术开发合同", "计划日期（可选）": (china_today() + timedelta(days=7)).isoformat()})
    submit(manager, "保存下一步")
    # 落实 without a sum is refused, with the reason, and the choice stays.
    fill(manager, {"阶段": "落实"})
    submit(manager, "更新阶段", statuses=(400,))
    expect(manager.locator("main")).to_contain_text("协议金额")
    fill(manager, {"阶段": "落实", "协议金额（万元）": "88", "协议日期": china_today().isoformat()})
    submit(manager, "更新阶段")
    expect(manager.locator("#deal-stage")).to_have_text("落实")
    expect(manager.locator("#deal-notes")).to_contain_text("数据采集试点")
    expect(manager.locator("main")).to_contain_text(re.compile("对接 → 会商"))
    shot(manager, "deals-detail-manager")

    # The agreement reached on the board is counted once in the organiser's funnel, chart included.
    organiser.reload(wait_until="load")
    charts_drawn(organiser)
    assert funnel_agreements(organiser) == agreements_before + 1
    assert organiser.evaluate(FUNNEL_VALUES)[4] == agreements_before + 1
    shot(organiser, "deals-dashboard-after")

    # 4. The firm sees the stage, the manager and the next step; read only.
    from_user_menu(firm, "对接跟进")
    mine = firm.locator("#my-deals tbody tr").filter(has_text=UNIVERSITY)
    expect(mine).to_contain_text("落实")
    expect(mine).to_contain_text("周启航")
    expect(mine).to_contain_text("高级技术经理人")
    expect(mine).to_contain_text("起草技术开发合同")
    shot(firm, "deals-mine-firm")

    # 5. On a phone: the manager's board stacks its columns, the deal page and the lists fit.
    phone = login(new_page(PHONE), *MANAGER)
    goto(phone, "/deals/board")
    shot(phone, "phone-deals-board")
    fits_phone(phone)
    with phone.expect_navigation(wait_until="load"):
        phone.locator("#deal-board .deal-card a").first.click()
    shot(phone, "phone-deals-detail")
    fits_phone(phone)
    goto(phone, "/deals/")
    shot(phone, "phone-deals-index")
    fits_phone(phone)
    firm_phone = login(new_page(PHONE), *demo_user("firm"))
    goto(firm_phone, "/deals/mine")
    shot(firm_phone, "phone-deals-mine")
    fits_phone(firm_phone)
