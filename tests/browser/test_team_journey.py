"""Journey 2, through the UI only: a university team posts a capability, finds recommended
challenges (on the capability's page and on its home), searches by keyword, asks for a firm's
confidential detail, proposes, and reads the firm's answer in its inbox."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.browser.helpers import check, demo_user, fill, goto, login, shot, submit

# A seeded challenge of the demo firm (seed_data/challenges/part-a.yaml), so the firm can answer.
FIRM_CHALLENGE = "大型结构件焊缝外观缺陷在线视觉检测"


def test_a_team_from_capability_to_inbox(new_page) -> None:
    run = str(int(time.time()))[-6:]
    title = f"大型焊接结构件焊缝三维视觉缺陷检测技术{run}"
    team = login(new_page(), *demo_user("team"))

    # 1. Post a capability from 我的成果.
    team.get_by_role("link", name="我的成果").first.click()
    check(team)
    team.locator("main").get_by_role("link", name="发布科研成果").first.click()
    check(team)
    fill(
        team,
        {
            "名称": title,
            "所属产业链": "高端装备",
            "兼属产业链（可选）": "新一代信息技术",
            "团队名称": "智能检测与机器视觉课题组",
            "负责人": "李文博",
            "职称": "教授",
            "成果介绍": "基于线激光三维扫描与深度学习的焊缝外观缺陷检测，机器人携带扫描，可识别咬边、气孔、焊瘤，"
            "误报率低于百分之五，已在工程机械结构件焊接线验证。",
            "技术成熟度": "6级",
            "合作开发": True,
            "关键字": "焊缝检测、3D视觉、深度学习、线激光、机器人",
            "应用领域": "工程机械、船舶、钢结构焊接质量检测",
        },
    )
    # Chain suggestions follow the typing; wait for them as a person would see them appear.
    expect(team.locator(".chain-suggestions").get_by_role("button").first).to_be_visible(timeout=60_000)
    submit(team, "保存并发布")
    expect(team.get_by_role("heading", level=1)).to_contain_text(title)

    # 2. Its page lists recommended challenges; the demo firm's weld-inspection problem is among them.
    deadline = time.monotonic() + 30
    while not team.locator("#recommendations .recommendation").count():
        assert time.monotonic() < deadline, "no recommended challenges on the capability's page"
        time.sleep(1)
        team.reload(wait_until="load")
        check(team)
    recommendations = team.locator("#recommendations")
    expect(recommendations).to_contain_text(FIRM_CHALLENGE)
    expect(recommendations.locator(".recommendation").first).to_contain_text("匹配依据")
    shot(team, "team-01-capability-with-recommendations")

    # 3. The home page shows recommended challenges too (a team should not open each capability).
    goto(team, "/")
    recommended = team.locator("main section, main .card, main div").filter(
        has=team.get_by_role("heading", name=re.compile("推荐"))
    )
    expect(recommended.last.locator("a[href*='/challenges/']").first).to_be_visible()
    shot(team, "team-02-home")

    # 4. Search by a colloquial keyword: 焊缝缺陷 is not written as such in the challenge.
    team.get_by_role("link", name="技术需求").first.click()
    check(team)
    fill(team, {"关键词": "焊缝缺陷 视觉检测"})
    submit(team, "搜索")
    expect(team.locator("main")).to_contain_text(FIRM_CHALLENGE)
    shot(team, "team-03-search")
    team.locator("main").get_by_role("link", name=FIRM_CHALLENGE).first.click()
    check(team)
    challenge_url = team.url

    # 5. Ask for the confidential detail (the demo data may hold the team's request already);
    #    the firm approves it on its 访问申请 page.
    if team.locator("#access").get_by_label("申请理由").count():
        fill(team, {"申请理由": "课题组研究焊缝三维视觉检测多年，希望了解现场缺陷统计与机器人接口。"})
        submit(team, "申请查看详细资料")
    expect(team.locator("#access")).to_contain_text("等待企业审批")
    team_org = team.locator("nav .dropdown-menu .dropdown-item-text").first.text_content().split("·")[0].strip()

    firm = login(new_page(), *demo_user("firm"))
    firm.get_by_role("link", name="访问申请").first.click()
    check(firm)
    row = firm.get_by_role("row").filter(has_text=FIRM_CHALLENGE).filter(has_text=team_org)
    row = row.filter(has=firm.get_by_role("button", name="同意"))
    with firm.expect_navigation():
        row.get_by_role("button", name="同意").click()
    check(firm)
    shot(firm, "firm-05-access-requests")

    # 6. Propose, linking the new capability.
    goto(team, challenge_url)
    expect(team.locator("#access")).to_contain_text("已授权")
    team.locator("main").get_by_role("link", name="我要揭榜").click()
    check(team)
    fill(
        team,
        {
            "方案概要": "机器人携带线激光传感器扫描焊缝，深度学习模型识别外观缺陷，结果写入MES工单。",
            "技术路线": "一、线激光三维重建；二、缺陷分割网络训练；三、机器人扫描路径规划；四、产线试运行三个月。",
            "预算（万元）": "120",
            "周期（月）": "12",
            "团队成员": "李文博 教授 负责人",
            "关联本团队的科研能力或成果（可选）": title,
        },
    )
    submit(team, "提交揭榜申请")
    expect(team.locator("main")).to_contain_text("已提交")

    # 7. The inbox has the firm's answer; 查看 leads to the challenge.
    team.get_by_role("link", name=re.compile("通知")).first.click()
    check(team)
    notice = team.locator("main li").filter(has_text=FIRM_CHALLENGE).filter(has_text="同意")
    expect(notice.first).to_be_visible()
    shot(team, "team-04-inbox")
    with team.expect_navigation():
        notice.first.get_by_role("button", name="查看").click()
    check(team)
    expect(team.get_by_role("heading", level=1)).to_contain_text(FIRM_CHALLENGE)
    goto(team, "/proposals/mine")
    expect(team.locator("main")).to_contain_text(FIRM_CHALLENGE)
