"""The organiser's dashboard in a real browser: every chart draws (a non-blank canvas, no console
error) at desktop width and at 390 px, and the funnel moves when a new agreement is recorded."""

from __future__ import annotations

import os
import subprocess
import sys

from playwright.sync_api import expect

from tests.browser.dashboard_page import FUNNEL_VALUES, charts_drawn, funnel_agreements
from tests.browser.helpers import REPO_ROOT, SCREENSHOTS, check, demo_user, goto, login, shot
from tests.browser.phone import PHONE, too_wide


def record_agreement(live_server) -> None:
    """A new agreement (signed today, not linked to any deal), recorded in the server's database the
    way the application records one: an Agreement row on a published challenge."""
    script = """
import sys
from datetime import date
from decimal import Decimal
import sqlalchemy as sa
from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Agreement, Challenge, ChallengeStatus, Organization, OrgKind
from matchmaker.timezones import local_today
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1]})
with app.app_context():
    challenge = db.session.scalar(sa.select(Challenge).where(Challenge.status == ChallengeStatus.PUBLISHED).limit(1))
    team = db.session.scalar(sa.select(Organization).where(Organization.kind == OrgKind.UNIVERSITY).limit(1))
    signed = local_today()
    db.session.add(Agreement(challenge=challenge, organization_id=team.id, amount=Decimal("88"), signed_on=signed))
    db.session.commit()
"""
    url = live_server.database_url
    env = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    done = subprocess.run([sys.executable, "-c", script, url], cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]


def test_every_chart_draws_and_moves_with_a_new_agreement(new_page, live_server) -> None:
    organiser = login(new_page(), *demo_user("organiser"))
    organiser.get_by_role("link", name="打开数据看板").click()
    check(organiser)
    charts_drawn(organiser)
    shot(organiser, "dashboard-desktop")

    before, funnel_before = funnel_agreements(organiser), organiser.evaluate(FUNNEL_VALUES)
    assert funnel_before[4] == before  # the chart draws the table's figure
    record_agreement(live_server)
    organiser.reload(wait_until="load")
    check(organiser)
    charts_drawn(organiser)
    assert funnel_agreements(organiser) == before + 1
    assert organiser.evaluate(FUNNEL_VALUES)[4] == before + 1

    # The funnel's table as .xlsx, from the page's own link.
    with organiser.expect_download() as download:
        organiser.locator("#panel-funnel").get_by_role("link", name="导出 Excel").click()
    assert download.value.suggested_filename.startswith("funnel_")

    # A filter that names nothing is explained, and the page still draws.
    goto(organiser, "/dashboard/?year=abc&chain=nope")
    expect(organiser.locator(".alert-warning").first).to_contain_text("年度应为")
    charts_drawn(organiser)


def test_dashboard_at_390_px(new_page) -> None:
    phone = login(new_page(PHONE), *demo_user("organiser"))
    goto(phone, "/dashboard/")
    charts_drawn(phone)
    shot(phone, "dashboard-390")
    assert too_wide(phone) is None, too_wide(phone)
    for key in ("events", "funnel", "supply", "cities"):  # one panel a picture, readable at this width
        phone.locator(f"#panel-{key}").screenshot(path=str(SCREENSHOTS / f"dashboard-390-{key}.png"))


def test_public_results_page(new_page) -> None:
    visitor = new_page()
    goto(visitor, "/")
    visitor.get_by_role("link", name="年度对接成果").click()
    check(visitor)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("产学研对接成果")
    shot(visitor, "results-public")
