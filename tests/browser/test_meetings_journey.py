"""The one-to-one meetings journey (issue 11), through the UI only, on the open demo event
新一代信息技术与高端装备融合对接会: the organiser sets a request deadline; the demo firm sees
suggested meetings with the recommender's explanation, accepts the university's request and sends
one that nobody answers; the university accepts one; the organiser solves (a background task with
progress), locks two meetings, re-runs and publishes; the university prints its agenda and imports
the .ics (China time); the unanswered request expires at the deadline (`flask meetings
expire-requests`, what beat runs every 15 minutes); on the day the organiser checks people in,
marks a university absent and seats a walk-in meeting at the freed table; the firm reads it all in
its inbox."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import DESKTOP
from tests.browser.helpers import REPO_ROOT, check, demo_user, fill, goto, login, organiser_menu, quiet, shot, submit
from tests.browser.phone import PHONE, squeezed_cells, too_wide

CHINA = ZoneInfo("Asia/Shanghai")
EVENT = "新一代信息技术与高端装备融合对接会"  # seed_data/events.yaml: ev-it-equipment-winter
FIRM = "青岛海岳智能装备股份有限公司"  # firm@demo.cn
TEAM = "山东大学"  # team@demo.cn
SILENT = "哈尔滨工业大学（威海）"  # nobody signs in for it: the request to it expires
ABSENT = "德州学院"  # does not come on the day
OTHER_FIRM = "东营河口智能油服装备有限公司"  # asked the university for a meeting (seeded, pending)
DEADLINE_LEAD = 150  # seconds from now to the request deadline: time to send the request that expires
SOLVE_TIMEOUT = 180_000  # ms: the solve is a background task on a busy 2-core machine


def press(page: Page, button: Locator) -> Page:
    """Click a button that submits a form (the first of several alike), wait for the next page, check it."""
    quiet(page)
    with page.expect_navigation(wait_until="load"):
        button.first.click()
    check(page)
    return page


def follow(page: Page, name: str) -> Page:
    """Click a link in the page's main content by its text and check the page it leads to."""
    with page.expect_navigation(wait_until="load"):
        page.locator("main").get_by_role("link", name=name, exact=True).first.click()
    check(page)
    return page


def open_meetings(page: Page) -> Page:
    """A participant: the events list, the event, its one-to-one meetings."""
    page.locator("nav").get_by_role("link", name="对接活动", exact=True).first.click()
    check(page)
    follow(page, EVENT)
    return follow(page, "一对一洽谈")


def inbox(page: Page) -> str:
    page.locator("nav").get_by_role("link", name=re.compile("通知")).first.click()
    check(page)
    return page.locator("main").inner_text()


def counterpart(page: Page, org: str) -> Locator:
    return page.locator("main .card[id^=counterpart-]").filter(has=page.get_by_text(org, exact=True))


def wait_for_solve(page: Page) -> str:
    """The progress bar of the last solve reaches its end; then the page shows the summary."""
    expect(page.locator(".task-progress").first).to_have_attribute("data-task-status", "done", timeout=SOLVE_TIMEOUT)
    message = page.locator(".task-progress [data-task-field=message]").first.inner_text()
    if not page.locator("#solve-summary").count():
        follow(page, "刷新")
    expect(page.locator("#solve-summary")).to_contain_text("已通过独立校验")
    return message


def cell_of(page: Page, meeting_id: str) -> tuple[str, str]:
    """(slot row header, table column header) of a meeting in the organiser's grid."""
    return tuple(
        page.locator(f"#{meeting_id}").evaluate(
            """e => { const td = e.closest('td'); const table = td.closest('table');
                 return [td.parentElement.querySelector('th').innerText.trim(),
                         table.tHead.rows[0].cells[td.cellIndex].innerText.trim()]; }"""
        )
    )


# Buttons and links styled as buttons whose label broke over lines ("谢\n绝"): taller than one line.
_WRAPPED = r"""() => [...document.querySelectorAll("main .btn")]
  .filter(b => b.offsetParent !== null && b.innerText.trim().length >= 2)
  .filter(b => b.getBoundingClientRect().height > 2.9 * parseFloat(getComputedStyle(b).fontSize))
  .map(b => b.innerText.trim().slice(0, 20)).slice(0, 8)"""


def look(page: Page, name: str) -> None:
    """A screenshot to look at, and no button label broken over lines."""
    shot(page, name)
    wrapped = page.evaluate(_WRAPPED)
    assert not wrapped, f"{page.url}: button labels broken over lines: {wrapped}"


def phone_shot(page: Page, name: str) -> None:
    """The same page at 390 px: it fits the screen and its table cells and buttons stay readable."""
    page.set_viewport_size(PHONE)
    look(page, f"{name}-390")
    assert too_wide(page) is None, too_wide(page)
    assert squeezed_cells(page) is None, squeezed_cells(page)
    page.set_viewport_size(DESKTOP)


def run_flask(live_server, *args: str) -> str:
    """A `flask` command against the server's database, as the operator would run it."""
    env = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"} | {"FLASK_APP": "matchmaker"}
    if live_server.database_url:
        env["DATABASE_URL"] = live_server.database_url
    done = subprocess.run(
        [sys.executable, "-m", "flask", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_meetings_from_suggestions_to_the_day(new_page, live_server) -> None:
    # 1. The organiser closes bookings shortly (a request sent now expires then).
    organiser = login(new_page(), *demo_user("organiser"))
    organiser_menu(organiser, "活动管理")
    follow(organiser, EVENT)
    follow(organiser, "洽谈安排")
    follow(organiser, "洽谈时段设置")
    now = datetime.now(CHINA)
    deadline = now.replace(second=0, microsecond=0) + timedelta(minutes=math.ceil((now.second + DEADLINE_LEAD) / 60))
    fill(organiser, {"预约截止时间（北京时间，可选）": deadline.strftime("%Y-%m-%dT%H:%M")})
    submit(organiser, "保存")
    expect(organiser.locator("main")).to_contain_text(f"预约截止：{deadline:%Y-%m-%d %H:%M}（北京时间）")
    organise_url = organiser.url

    # 2. The demo firm sees suggested meetings with the recommender's explanation, accepts the
    #    university's request and asks a team that never answers.
    firm = login(new_page(), *demo_user("firm"))
    open_meetings(firm)
    suggested = firm.locator("main .card[id^=counterpart-]").filter(has=firm.get_by_text("建议洽谈", exact=True))
    assert suggested.count() >= 1
    expect(suggested.first).to_contain_text("匹配度")
    expect(suggested.first).to_contain_text("对接要点")
    look(firm, "meetings-browse")
    asking = firm.locator("main .card[id^=request-]").filter(has_text=TEAM)
    press(firm, asking.get_by_role("button", name="接受", exact=True))
    expect(firm.locator("main")).to_contain_text("已答复：已接受")
    silent = counterpart(firm, SILENT)
    silent.get_by_label("留言").fill("想就焊缝视觉检测的产线改造面谈。")
    press(firm, silent.get_by_role("button", name="邀约洽谈"))
    expect(firm.locator("main")).to_contain_text(f"邀约已发给 {SILENT}")
    expect(counterpart(firm, SILENT)).to_contain_text("已发出，等待对方答复")
    assert datetime.now(CHINA) < deadline, "the request to expire was sent after the deadline: raise DEADLINE_LEAD"

    # 3. The university hears of the acceptance and accepts a request itself.
    team = login(new_page(), *demo_user("team"))
    assert f"{FIRM} 接受了洽谈邀约" in inbox(team)
    open_meetings(team)
    press(team, team.locator("main .card[id^=request-]").filter(has_text=OTHER_FIRM).get_by_role("button", name="接受"))
    expect(team.locator("main")).to_contain_text("已答复：已接受")

    # 4. The organiser solves in the background, locks two meetings, re-runs, publishes.
    goto(organiser, organise_url)
    submit(organiser, "开始排程")
    expect(organiser.locator("main")).to_contain_text("已开始排程")
    assert "已安排" in wait_for_solve(organiser)
    cells = organiser.locator("main .meeting-cell")
    assert cells.count() >= 4
    locked = [cells.nth(0).get_attribute("id"), cells.nth(1).get_attribute("id")]
    where = {m: cell_of(organiser, m) for m in locked}
    for m in locked:
        press(organiser, organiser.locator(f"#{m}").get_by_role("button", name="锁定"))
        expect(organiser.locator(f"#{m}")).to_contain_text("已锁定")
    submit(organiser, "排程（已锁定的洽谈保持不动）")
    wait_for_solve(organiser)
    assert {m: cell_of(organiser, m) for m in locked} == where, "a locked meeting moved on the re-run"
    submit(organiser, "发布日程并通知")
    expect(organiser.locator("main")).to_contain_text("日程已发布")
    expect(organiser.locator("main .meeting-cell .text-bg-warning")).to_have_count(0)  # nothing left unpublished
    look(organiser, "meetings-grid")
    phone_shot(organiser, "meetings-grid")

    # 5. The university's agenda: page, printable sheet, calendar file in China time.
    assert "洽谈日程已发布" in inbox(team)
    open_meetings(team)
    follow(team, "我的洽谈日程")
    rows = team.locator("main table.agenda-table tbody tr")
    expect(rows.filter(has_text=FIRM)).to_have_count(1)
    times = [t.strip() for t in rows.locator("td:first-child").all_inner_texts()]
    look(team, "meetings-agenda")
    phone_shot(team, "meetings-agenda")
    follow(team, "打印")
    expect(team.locator("body")).to_contain_text(f"一对一洽谈日程 · {TEAM}")
    expect(team.locator("table.agenda-table tbody tr")).to_have_count(len(times))
    shot(team, "meetings-agenda-print")
    team.go_back()
    check(team)
    with team.expect_download() as download:
        team.locator("main").get_by_role("link", name=re.compile(r"\.ics")).click()
    items = Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")
    assert len(items) == len(times)
    for item in items:
        start, end = item.decoded("dtstart"), item.decoded("dtend")
        assert str(item["dtstart"].params["TZID"]) == "Asia/Shanghai"
        assert f"{start:%H:%M}–{end:%H:%M}" in times  # the agenda's China-time slots, not UTC
        assert str(item["summary"]).startswith("洽谈：")

    # 6. The deadline passes; the time-out task expires the unanswered request; both sides are told.
    while datetime.now(CHINA) < deadline + timedelta(seconds=2):
        time.sleep(1)
    assert "expired 1" in run_flask(live_server, "meetings", "expire-requests")
    assert f"洽谈邀约已过期：{SILENT}" in inbox(firm)
    open_meetings(firm)
    expect(firm.locator("main table tr").filter(has_text=SILENT)).to_contain_text("已过期")

    # 7. The day: check-in by search, a no-show frees the tables, a walk-in takes one.
    goto(organiser, organise_url)
    absent_cells = [
        (cell_of(organiser, m), organiser.locator(f"#{m} strong").first.inner_text())
        for m in organiser.locator("main .meeting-cell").filter(has_text=ABSENT).evaluate_all("es => es.map(e => e.id)")
    ]
    assert absent_cells, f"{ABSENT} has no meeting to miss"
    follow(organiser, "现场签到")
    checkin_url = organiser.url
    for org in {TEAM, FIRM, SILENT, *(f for _, f in absent_cells)}:
        organiser.locator("main").get_by_label("按单位或联系人搜索").fill(org)
        press(organiser, organiser.locator("main").get_by_role("button", name="搜索"))
        row = organiser.locator("main tbody tr").filter(has_text=org)
        expect(row).to_have_count(1)
        press(organiser, row.get_by_role("button", name="签到"))
        expect(organiser.locator("main")).to_contain_text(f"{org}：已签到")
    goto(organiser, checkin_url)
    absent_row = organiser.locator("main tbody tr").filter(has_text=ABSENT)
    press(organiser, absent_row.get_by_role("button", name="缺席，释放洽谈桌"))
    expect(organiser.locator("main")).to_contain_text(f"已标记缺席，释放 {len(absent_cells)} 场洽谈")
    expect(organiser.locator("main tbody tr").filter(has_text=ABSENT)).to_contain_text("缺席")
    look(organiser, "meetings-checkin")
    phone_shot(organiser, "meetings-checkin")
    # The firm's own freed table first; the silent team has one meeting, so one of the freed slots is free for it.
    absent_cells.sort(key=lambda c: c[1] != FIRM)
    for (slot, table), firm_name in absent_cells:
        fill(organiser, {"企业": firm_name, "科研团队": SILENT, "场次": slot, "洽谈桌": table})
        press(organiser, organiser.locator("main").get_by_role("button", name="安排现场洽谈"))
        if "现场洽谈已安排" in organiser.locator("main").inner_text():
            break
    else:
        raise AssertionError(f"no freed table took a walk-in: {organiser.locator('main').inner_text()[:500]}")
    goto(organiser, organise_url)
    walk_in = organiser.locator("main .meeting-cell").filter(has_text=SILENT).filter(has_text=firm_name)
    expect(walk_in).to_have_count(1)
    assert cell_of(organiser, walk_in.get_attribute("id")) == (slot, table)

    # 8. The firm reads the change in its inbox, and its agenda shows it.
    news = inbox(firm)
    assert f"{ABSENT} 未到场" in news
    if firm_name == FIRM:
        assert f"现场洽谈：{slot.split('. ', 1)[1]} {table} 与 {SILENT}" in news
    shot(firm, "meetings-inbox")
    open_meetings(firm)
    follow(firm, "我的洽谈日程")
    expect(firm.locator("main .agenda-cancelled").filter(has_text=ABSENT)).to_have_count(1)
