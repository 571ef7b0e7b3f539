"""Browser fixtures: one Chromium for the whole run, one real server for all journeys.

The server (tests/browser/server.py) runs in a subprocess over its own database: a SQLite file,
or with DATABASE_URL set (CI) a PostgreSQL database named `<that database>_browser`, created
fresh here and dropped afterwards, so the rest of the suite keeps its own database.
BROWSER_HEADED=1 shows the window (BROWSER_SLOWMO=<ms> slows each action) to watch a run;
BROWSER_BASE_URL=http://127.0.0.1:5000 drives a server you started yourself (its data changes).
"""

from __future__ import annotations

import os
import re
import selectors
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.browser.helpers import ARTIFACTS, REPO_ROOT, take_problems, watch
from tests.conftest import require_services

CHROMIUM = os.environ.get("BROWSER_EXECUTABLE", "/usr/bin/chromium")
SERVER_START_TIMEOUT = 300  # migrate + seed + index on a busy 2-core machine
DESKTOP = {"width": 1280, "height": 900}
CONFIRM_LINK = re.compile(r"https?://\S+?(/signup/confirm/\S+)")


def _missing(reason: str) -> None:
    if require_services():
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def _browser_database() -> Iterator[str | None]:
    """Yield a PostgreSQL URL for a fresh `<db>_browser` database, or None for SQLite."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield None
        return
    import psycopg

    base = sa.engine.make_url(url)
    name = f"{base.database}_browser"
    assert "test" in name, f"refusing to create {name!r}: database name must contain 'test'"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)

    def run(sql: str) -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    yield base.set(database=name).render_as_string(hide_password=False)
    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ExternalServer:
    """A server started outside the tests (BROWSER_BASE_URL); its log is not ours to read."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.database_url = os.environ.get("DATABASE_URL")  # what `flask` commands would use anyway

    def new_tracebacks(self) -> str:
        return ""

    def mailed_link(self, to: str) -> str:
        pytest.skip("e-mailed links are read from the server's log, which an external server keeps to itself")

    def stop(self) -> None:
        pass


class LiveServer:
    def __init__(self, database_url: str, log: Path) -> None:
        self.log = log
        self.database_url = database_url  # for `flask` commands a journey runs as the operator would
        self._log_file = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.browser.server", database_url],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            text=True,
        )
        self._url: str | None = None
        self._log_seen = 0

    @property
    def url(self) -> str:
        """Wait (once) for the READY line; the browser starts meanwhile."""
        if self._url is None:
            selector = selectors.DefaultSelector()
            selector.register(self.process.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while self._url is None:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    tail = self.log.read_text()[-3000:]
                    raise RuntimeError(f"browser test server did not start; see {self.log}:\n{tail}")
                if selector.select(timeout=1):
                    line = self.process.stdout.readline()
                    if line.startswith("READY "):
                        self._url = line.split()[1]
                        print(f"\n[browser] server {line.strip()}")
            self._log_seen = self.log.stat().st_size
        return self._url

    def new_tracebacks(self) -> str:
        """Server-side errors logged since the last call (e.g. in a task run after a commit)."""
        with self.log.open() as f:
            f.seek(self._log_seen)
            text = f.read()
            self._log_seen = f.tell()
        return text if "Traceback" in text else ""

    def mailed_link(self, to: str) -> str:
        """The path of the last sign-up confirmation link e-mailed to `to`. With no MAIL_SERVER the
        server logs each e-mail whole (the README's way to sign up in development)."""
        mails = self.log.read_text().split("e-mail (not sent, MAIL_SERVER unset) to ")
        links = [m.group(1) for mail in mails if mail.startswith(f"{to}:") if (m := CONFIRM_LINK.search(mail))]
        assert links, f"no confirmation e-mail to {to} in {self.log}"
        return links[-1]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self._log_file.close()


@pytest.fixture(scope="package")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer | ExternalServer]:
    ARTIFACTS.mkdir(exist_ok=True)
    if external := os.environ.get("BROWSER_BASE_URL"):
        yield ExternalServer(external)
        return
    databases = _browser_database()
    url = next(databases) or f"sqlite:///{tmp_path_factory.mktemp('browser') / 'browser.db'}"
    server = LiveServer(url, ARTIFACTS / "server.log")
    yield server
    server.stop()
    next(databases, None)


@pytest.fixture(scope="package")
def browser(live_server: LiveServer):
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} not found: apt-get install chromium fonts-noto-cjk (make test does it)")
    if shutil.which("fc-list") and not subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout:
        _missing("no Chinese font: apt-get install fonts-noto-cjk (make test does it)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    headed = os.environ.get("BROWSER_HEADED") == "1"
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=not headed,
        slow_mo=float(os.environ.get("BROWSER_SLOWMO", "0")),
        args=["--no-sandbox"],
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed  # type: ignore[attr-defined]
    return report


@pytest.fixture
def new_page(browser, live_server: LiveServer, request: pytest.FixtureRequest) -> Iterator[Callable[..., object]]:
    """Make a watched page in a fresh browser context (its own cookies: one per person).

    After a passing test, any problem not yet checked and any server traceback fail it."""
    contexts, pages = [], []
    base_url = live_server.url

    def make(viewport: dict[str, int] = DESKTOP):
        context = browser.new_context(
            base_url=base_url, viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai", accept_downloads=True
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = watch(context.new_page())
        pages.append(page)
        return page

    yield make
    leftovers = [f"{page.url}: {p}" for page in pages for p in take_problems(page)]
    for context in contexts:
        context.close()
    tracebacks = live_server.new_tracebacks()
    if getattr(request.node, "call_failed", True):
        return  # the failure already says what went wrong
    assert not leftovers, "browser problems after the last check:\n" + "\n".join(leftovers)
    assert not tracebacks, f"server errors during the test:\n{tracebacks[-4000:]}"


@pytest.fixture
def page(new_page):
    return new_page()
