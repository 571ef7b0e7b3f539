"""What every browser journey uses: watched pages, goto/check/shot, sign-in and sign-out.

A watched page records every console error, uncaught script error, failed request and HTTP
status >= 400 as a problem; `check` (called by `goto`, and by the fixtures after each test)
fails the test on any problem not expected by the step, and on a page without Chinese text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import ConsoleMessage, Locator, Page, Request, Response

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Chromium logs its own line for every response >= 400; that line is covered by the response check.
FAILED_RESOURCE = re.compile(r"Failed to load resource: the server responded with a status of (\d+)")


@dataclass
class Watch:
    problems: list[str] = field(default_factory=list)
    allowed: set[int] = field(default_factory=set)
    inflight: set[Request] = field(default_factory=set)

    def on_request(self, request: Request) -> None:
        self.inflight.add(request)

    def on_request_done(self, request: Request) -> None:
        self.inflight.discard(request)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        status = FAILED_RESOURCE.search(message.text)
        if status is None or int(status.group(1)) not in self.allowed:
            self.problems.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def on_page_error(self, error: Exception) -> None:
        self.problems.append(f"script error: {error}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400 and response.status not in self.allowed:
            self.problems.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    def on_request_failed(self, request: Request) -> None:
        self.inflight.discard(request)
        # ERR_ABORTED is a navigation leaving a page while something loads, not a fault.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"request failed: {request.method} {request.url} ({request.failure})")


def watch(page: Page) -> Page:
    w = Watch()
    page.on("console", w.on_console)
    page.on("pageerror", w.on_page_error)
    page.on("response", w.on_response)
    page.on("requestfailed", w.on_request_failed)
    page.on("request", w.on_request)
    page.on("requestfinished", w.on_request_done)
    # A person answers "确定" to the confirm() before an irreversible step (Playwright would cancel).
    page.on("dialog", lambda dialog: dialog.accept())
    page._matchmaker_watch = w  # type: ignore[attr-defined]
    return page


def _watch_of(page: Page) -> Watch:
    return page._matchmaker_watch  # type: ignore[attr-defined]


def take_problems(page: Page) -> list[str]:
    w = _watch_of(page)
    found, w.problems = w.problems, []
    return found


@contextmanager
def expect_status(page: Page, *statuses: int) -> Iterator[None]:
    """Inside the block these HTTP statuses are what the step expects (e.g. a refused form: 400)."""
    w = _watch_of(page)
    before = set(w.allowed)
    w.allowed |= set(statuses)
    try:
        yield
        page.wait_for_load_state("load")
    finally:
        w.allowed = before


def main_text(page: Page) -> str:
    main = page.locator("main")
    return main.first.inner_text() if main.count() else page.locator("body").inner_text()


def check(page: Page, *, chinese: bool = True) -> None:
    """Fail on any problem seen since the last check, and on a page without Chinese text."""
    page.wait_for_load_state("load")
    problems = take_problems(page)
    assert not problems, f"{page.url}:\n  " + "\n  ".join(problems)
    if chinese:
        assert CJK.search(main_text(page)), f"{page.url}: no Chinese text in the page's main content"


def goto(page: Page, path: str, *, chinese: bool = True, status: int = 200) -> Page:
    """Open a path of the server and check it: expected status, no problems, Chinese text."""
    with expect_status(page, status) if status >= 400 else _nothing():
        response = page.goto(path, wait_until="load")
    assert response is not None and response.status == status, f"{path}: HTTP {response and response.status}"
    check(page, chinese=chinese)
    return page


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def shot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as test-artifacts/screenshots/<name>.png for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page: Page, email: str, password: str) -> Page:
    """Sign in through the form, as a person would; ends on the signed-in home page."""
    goto(page, "/login")
    page.get_by_label("邮箱").fill(email)
    page.get_by_label("密码", exact=True).fill(password)
    with page.expect_navigation(wait_until="load"):
        page.locator("main").get_by_role("button", name="登录").click()
    check(page)
    assert "/login" not in page.url, f"sign-in as {email} failed: {main_text(page)[:300]}"
    return page


def logout(page: Page) -> Page:
    """Sign out through the user menu in the navigation bar."""
    page.locator("#user-menu").click()
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="退出登录").click()
    check(page)
    return page


def organiser_menu(page: Page, item: str) -> Page:
    """Open one of the organisers' pages from the 组织工作 menu of the navigation bar."""
    page.locator("nav").get_by_role("button", name="组织工作").or_(
        page.locator("nav").get_by_role("link", name="组织工作")
    ).first.click()
    page.locator("nav .dropdown-menu").get_by_role("link", name=item).click()
    check(page)
    return page


def quiet(page: Page, timeout: float = 60) -> None:
    """Wait until the page has no request in flight. On the post forms, first let the chain
    suggestions' typing pause (800 ms) run out: a publish racing a suggestion request gets a 500
    today (SQLite "database is locked"; the served index is also read while a write updates it),
    a fault reported to be fixed in the product, not hidden here for good."""
    if page.locator("form[data-suggest-url]").count():
        page.wait_for_timeout(1000)
    w = _watch_of(page)
    deadline = time.monotonic() + timeout
    while w.inflight:
        assert time.monotonic() < deadline, f"requests still running: {[r.url for r in w.inflight]}"
        page.wait_for_timeout(100)


def submit(page: Page, name: str, *, statuses: tuple[int, ...] = (), exact: bool = False) -> Page:
    """Click the (first) button with this accessible name, wait for the page it leads to, check it."""
    quiet(page)
    with expect_status(page, *statuses), page.expect_navigation(wait_until="load"):
        page.locator("main").get_by_role("button", name=name, exact=exact).first.click()
    check(page)
    return page


def china_today() -> date:
    """Today where the platform's users are (the server checks dates in China time)."""
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def demo_user(role: str) -> tuple[str, str]:
    """(e-mail, password) of the seeded demo user with this role (seed_data/demo_users.yaml)."""
    import yaml

    users = yaml.safe_load((REPO_ROOT / "seed_data" / "demo_users.yaml").read_text(encoding="utf-8"))
    user = next(u for u in users if u["role"] == role)
    return user["email"], user["password"]


def _option(select: Locator, text: str) -> str:
    """The option whose text is `text`, else the first one containing it (labels get refined)."""
    options = [o.strip() for o in select.locator("option").all_inner_texts()]
    if text in options:
        return text
    found = [o for o in options if text in o]
    assert found, f"no option {text!r} in {options}"
    return found[0]


def fill(page: Page, values: dict[str, str | list[str] | bool]) -> None:
    """Fill form controls found by their visible label: text is typed, a select gets the option
    with that text (a list for a multiple select), True/False ticks or clears a checkbox."""
    for label, value in values.items():
        control = page.locator("main").get_by_label(label, exact=True)
        tag = control.evaluate("e => e.tagName + ':' + (e.type || '')")
        if tag.startswith("SELECT"):
            control.select_option(label=[_option(control, v) for v in ([value] if isinstance(value, str) else value)])
        elif isinstance(value, bool):
            control.set_checked(value)
        else:
            control.fill(value)


def unmarked_chinese(page: Page) -> list[str]:
    """Chinese text in <main> of an English page that is not marked lang="zh…" (a half-English page:
    Chinese-only data is fine when marked, untranslated interface text is not)."""
    return page.evaluate(
        r"""() => {
          const cjk = /[\u3400-\u4dbf\u4e00-\u9fff]/;
          const found = [];
          const root = document.querySelector("main") || document.body;
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            if (!cjk.test(node.textContent)) continue;
            const marked = node.parentElement.closest("[lang]");
            const chinese = marked && marked.lang.toLowerCase().startsWith("zh");
            if (!chinese) found.push(node.textContent.trim().slice(0, 60));
          }
          return found;
        }"""
    )


def check_english(page: Page) -> None:
    """An English page: <html lang="en">, and no unmarked Chinese text in its main content."""
    check(page, chinese=False)
    assert page.locator("html").get_attribute("lang") == "en", f"{page.url}: not served in English"
    stray = unmarked_chinese(page)
    assert not stray, f"{page.url}: Chinese text on the English page: {stray[:10]}"
