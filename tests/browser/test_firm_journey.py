"""Journey 1, through the UI only: a new firm signs up, an organiser verifies it, the firm posts a
challenge and sees explained recommendations, grants a team the confidential detail, receives
the team's proposal, shortlists and selects it, records the agreement and the 验收."""

from __future__ import annotations

import re
import time
from datetime import timedelta

from playwright.sync_api import Page, expect

from matchmaker.organizations.credit_code import fictional
from tests.browser.helpers import (
    check,
    china_today,
    demo_user,
    fill,
    goto,
    login,
    main_text,
    organiser_menu,
    shot,
    submit,
)

SECRET = "现用浸出槽为某化工机械厂产品，槽体腐蚀严重，月均停机两次"


def wait_for_recommendations(page: Page, seconds: float = 30) -> None:
    """Matches are computed right after the publish commits; reload until they are listed."""
    deadline = time.monotonic() + seconds
    while not page.locator("#recommendations .recommendation").count():
        assert time.monotonic() < deadline, "no recommendations on the challenge page"
        time.sleep(1)
        page.reload(wait_until="load")
        check(page)


def test_a_new_firm_from_sign_up_to_acceptance(new_page, live_server) -> None:
    run = str(int(time.time()))[-6:]
    org_name = f"日照蓝海新能源材料有限公司{run}"
    email = f"firm{run}@journey.cn"
    password = "Blue-sea-lithium-2026"
    title = f"退役锂离子电池湿法回收锂收率提升{run}"

    # 1. Sign up: the organisation is pending until an organiser verifies it.
    firm = new_page()
    goto(firm, "/signup")
    fill(
        firm,
        {
            "单位类型": "企业",
            "单位名称": org_name,
            "统一社会信用代码": fictional(f"journey-{run}", "日照市"),
            "所在城市": "日照市",
            "所属产业链": ["新能源装备"],
            "联系人姓名": "孙海波",
            "邮箱": email,
            "密码": password,
            "确认密码": password,
        },
    )
    submit(firm, "提交注册")
    expect(firm.locator("main")).to_contain_text("我们已向该邮箱发送确认邮件")
    # The account exists once the e-mailed link is followed; that signs the firm in.
    goto(firm, live_server.mailed_link(email))
    expect(firm.locator("main")).to_contain_text("审核")
    shot(firm, "firm-01-signed-up-pending")

    # 2. The organiser verifies it from the queue.
    organiser = login(new_page(), *demo_user("organiser"))
    goto(organiser, "/")
    organiser_menu(organiser, "单位审核")
    row = organiser.get_by_role("row").filter(has_text=org_name)
    expect(row).to_have_count(1)
    shot(organiser, "organiser-01-verification-queue")
    with organiser.expect_navigation():
        row.get_by_role("button", name="通过审核").click()
    check(organiser)
    expect(organiser.get_by_role("row").filter(has_text=org_name)).to_have_count(0)

    # 3. The firm posts and publishes a challenge from 我的需求.
    goto(firm, "/")
    firm.get_by_role("link", name="我的需求").first.click()
    check(firm)
    firm.locator("main").get_by_role("link", name="发布技术需求").first.click()
    check(firm)
    fill(
        firm,
        {
            "名称": title,
            "对接方式": "揭榜挂帅",
            "解决方式": "合作研发",
            "主要问题": "每年回收退役动力电池三千吨，湿法浸出后锂回收率只有百分之八十，酸耗高，废水处理成本大。",
            "技术关键与主要指标": "锂回收率不低于百分之九十五，酸耗降低百分之三十，浸出液杂质可控。",
            "预期目标": "形成万吨级退役锂离子电池绿色回收工艺包并完成中试。",
            "关键字": "锂离子电池、回收、湿法冶金、浸出",
            "拟投入资金下限（万元）": "200",
            "拟投入资金上限（万元）": "500",
            "需求时限": (china_today() + timedelta(days=90)).isoformat(),
            "保密技术资料": SECRET,
            "联系人": "孙海波",
            "联系电话": "0633-88886666",
        },
    )
    # The form suggests chains from the text typed so far; the firm takes the suggestion.
    firm.locator(".chain-suggestions").get_by_role("button", name="新能源装备").click(timeout=60_000)
    expect(firm.get_by_label("所属产业链", exact=True)).to_have_value(re.compile(r"^\d+$"))
    expect(firm.get_by_label("所属产业链", exact=True).locator("option:checked")).to_have_text("新能源装备")
    submit(firm, "保存并发布")
    expect(firm.get_by_role("heading", level=1)).to_contain_text(title)
    challenge_url = firm.url

    # 4. Recommended teams, each with a score bar and the terms that explain the match.
    wait_for_recommendations(firm)
    first = firm.locator("#recommendations .recommendation").first
    expect(first.get_by_role("progressbar")).to_be_visible()
    expect(first).to_contain_text("匹配依据")
    assert first.locator(".badge").count() >= 1, "a recommendation without explaining terms"
    shot(firm, "firm-02-challenge-with-recommendations")
    team_title = first.get_by_role("link").first.inner_text()
    with firm.expect_navigation():
        first.get_by_role("button", name="相关", exact=True).click()
    check(firm)
    judged = firm.locator("#recommendations .recommendation").filter(has_text=team_title)
    expect(judged.get_by_role("button", name="相关", exact=True)).to_have_class(re.compile("btn-primary"))

    # 5. A team finds it, asks for the confidential detail; the firm approves on its page.
    team = login(new_page(), *demo_user("team"))
    goto(team, "/challenges/")
    fill(team, {"关键词": title})
    submit(team, "搜索")
    team.locator("main").get_by_role("link", name=title).first.click()
    check(team)
    assert SECRET not in main_text(team)
    fill(team, {"申请理由": "团队从事湿法冶金回收十年，希望了解浸出槽工况以评估改造方案。"})
    submit(team, "申请查看详细资料")
    expect(team.locator("#access")).to_contain_text("等待企业审批")

    goto(firm, challenge_url)
    access = firm.locator("#access")
    expect(access).to_contain_text("待审批的访问申请")
    with firm.expect_navigation():
        access.get_by_role("button", name="同意").first.click()
    check(firm)

    team.reload(wait_until="load")
    check(team)
    expect(team.locator("main")).to_contain_text(SECRET)

    # 6. The team proposes (揭榜).
    team.locator("main").get_by_role("link", name="我要揭榜").click()
    check(team)
    fill(
        team,
        {
            "方案概要": "采用选择性浸出与膜分离耦合工艺，提高锂回收率并降低酸耗。",
            "技术路线": "一、选择性还原浸出；二、纳滤膜分离锂镁；三、碳酸锂沉淀提纯；四、中试验证。",
            "预算（万元）": "380",
            "周期（月）": "18",
            "团队成员": "李文博 教授 总体负责\n王磊 副教授 工艺开发",
        },
    )
    submit(team, "提交揭榜申请")
    expect(team.locator("main")).to_contain_text("已提交")

    # 7. The firm shortlists, selects, records the agreement and the acceptance.
    goto(firm, challenge_url)
    firm.locator("main").get_by_role("link", name="查看揭榜申请与评审").click()
    check(firm)
    shot(firm, "firm-03-proposals")
    proposal = firm.locator("article").filter(has_text="选择性浸出与膜分离")
    with firm.expect_navigation():
        proposal.get_by_role("button", name="列入入围").click()
    check(firm)
    with firm.expect_navigation():
        proposal.get_by_role("button", name="选定").click()
    check(firm)
    expect(proposal).to_contain_text("中选")
    proposal.get_by_role("link", name="登记签约").click()
    check(firm)
    fill(
        firm,
        {
            "合同金额（万元）": "360",
            "签约日期": china_today().isoformat(),
            "技术合同登记号（可选）": "2026370000001234",
        },
    )
    submit(firm, "登记签约")
    goto(firm, challenge_url)
    firm.locator("main").get_by_role("link", name="查看揭榜申请与评审").click()
    check(firm)
    expect(firm.locator("main")).to_contain_text("已签约")
    submit(firm, "验收并关闭")
    expect(firm.locator("main")).to_contain_text(re.compile("验收|已完成|已关闭"))
    shot(firm, "firm-04-accepted")

    # The team follows it to the end on 我的揭榜.
    goto(team, "/")
    team.get_by_role("link", name="我的揭榜").first.click()
    check(team)
    expect(team.locator("main")).to_contain_text(title)
