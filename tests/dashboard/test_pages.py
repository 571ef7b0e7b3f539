"""The dashboard page, its filters, its exports and the targets form, as an organiser uses them."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from matchmaker.dashboard import panels
from matchmaker.dashboard.export import HEADER_ROWS
from matchmaker.dashboard.filters import Filters
from matchmaker.models import AuditLog, Role, Setting, YearPlan


@pytest.fixture
def organiser_client(login_as, organiser):
    return login_as(organiser)


def test_page_shows_every_table_and_the_chart_data(organiser_client, year_2025):
    page = organiser_client.get("/dashboard/?year=2025").get_data(as_text=True)
    for key in panels.BY_KEY:
        assert f'href="/dashboard/{key}.xlsx?year=2025"' in page
    assert "主轴会商" in page  # the stale deal is listed
    data = json.loads(re.search(r'<script type="application/json" id="dashboard-data">(.*?)</script>', page, re.S)[1])
    funnel = data["funnel"]
    assert funnel["chart"] == "funnel" and [r[1] for r in funnel["rows"]] == [4, 4, 3, 2, 3]
    assert funnel["rows"][-1][2] == 250.0  # the chart reads the same rows as the table
    assert "<script>" not in page  # no inline script (CSP script-src 'self')


@pytest.mark.parametrize(
    "query, message",
    [
        ("year=abc", "年度应为"),
        ("year=99999999999999999999", "年度应为"),
        ("year=1999", "年度应为"),
        ("chain=nope", "没有这条产业链"),
        ("city=%E5%8C%97%E4%BA%AC%E5%B8%82", "16个地级市"),  # 北京市
        ("city=%ED%A0%80", "16个地级市"),  # a lone surrogate, percent-encoded
    ],
)
def test_bad_filters_are_explained_not_fatal(organiser_client, db, query, message):
    response = organiser_client.get(f"/dashboard/?{query}")
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_filters_apply(organiser_client, year_2025):
    page = organiser_client.get("/dashboard/?year=2025&chain=equipment&city=济南市").get_data(as_text=True)
    assert 'href="/dashboard/funnel.xlsx?year=2025&amp;chain=equipment&amp;city=' in page
    assert '<option value="济南市" selected>' in page


def _sheet_rows(response):
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("key", sorted(panels.BY_KEY))
def test_each_export_equals_its_table(organiser_client, year_2025, key):
    table = panels.BY_KEY[key](Filters(2025, chain=year_2025.E))
    got = _sheet_rows(organiser_client.get(f"/dashboard/{key}.xlsx?year=2025&chain=equipment"))
    assert got[0][0] == table.title and "高端装备" in got[1][0]
    assert got[HEADER_ROWS - 1][: len(table.columns)] == table.columns
    body = [r[: len(table.columns)] for r in got[HEADER_ROWS : HEADER_ROWS + len(table.rows)]]
    expected = [[float(v) if isinstance(v, Decimal) else (None if v == "" else v) for v in row] for row in table.rows]
    assert body == expected


def test_export_of_an_unknown_table_is_404(organiser_client, db):
    assert organiser_client.get("/dashboard/nothing.xlsx").status_code == 404


def test_targets_form_saves_audits_and_moves_the_plan(organiser_client, db, organiser):
    plan = YearPlan(year=2025, target=6)
    db.session.add(plan)
    db.session.commit()
    page = organiser_client.get("/dashboard/targets?year=2025").get_data(as_text=True)
    assert 'value="6"' in page and 'value="100"' in page  # defaults from the plans
    response = organiser_client.post(
        "/dashboard/targets?year=2025", data={"events": "8", "key_problems": "120", "agreements": "30"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/dashboard/?year=2025")
    assert db.session.get(Setting, "dashboard.targets.2025").value == {
        "events": 8,
        "key_problems": 120,
        "agreements": 30,
    }
    assert plan.target == 8  # one figure: the year plan follows
    log = db.session.query(AuditLog).filter_by(action="dashboard.targets").one()
    assert log.actor_id == organiser.id and log.detail["after"]["events"] == 8
    assert panels.events(Filters(2025)).extra["target"] == 8


@pytest.mark.parametrize(
    "values, message",
    [
        ({"events": "0", "key_problems": "100", "agreements": "0"}, "应为1至100之间的整数"),
        ({"events": "abc", "key_problems": "100", "agreements": "0"}, "请填写整数"),
        ({"events": "6", "key_problems": "", "agreements": "0"}, "请填写年度难题目标"),
        ({"events": "6", "key_problems": "100", "agreements": "NaN"}, "请填写整数"),
        ({"events": "6", "key_problems": "9" * 5000, "agreements": "0"}, "请填写整数"),
    ],
)
def test_targets_form_explains_bad_input_and_keeps_it(organiser_client, db, values, message):
    response = organiser_client.post("/dashboard/targets?year=2025", data=values)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert db.session.get(Setting, "dashboard.targets.2025") is None
    if values["events"] == "abc":
        assert 'value="abc"' in page


def test_targets_form_carries_and_needs_a_csrf_token(other_app):
    app = other_app(WTF_CSRF_ENABLED=True)
    with app.test_client() as client:
        response = client.post("/dashboard/targets?year=2025", data={"events": "9", "key_problems": "9"})
    assert response.status_code == 400
    source = (Path(app.template_folder) / "dashboard/targets.html").read_text()
    assert "form.hidden_tag()" in source


def test_organiser_home_links_to_the_dashboard(organiser_client, make_user):
    page = organiser_client.get("/").get_data(as_text=True)
    assert 'href="/dashboard/"' in page and "年成果" in page


def test_firms_and_teams_cannot_see_it(client, login_as, make_user, db):
    login_as(make_user(Role.FIRM))
    assert client.get("/dashboard/").status_code == 403
    assert client.get("/dashboard/funnel.xlsx").status_code == 403
