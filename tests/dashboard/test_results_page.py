"""The public results page: aggregates only, in Chinese and wholly in English."""

from __future__ import annotations

import re

import pytest

from matchmaker.dashboard import public
from matchmaker.models import Agreement
from tests.i18n.helpers import assert_english_page


def test_results_show_the_year_aggregates(client, year_2025):
    page = client.get("/results/2025").get_data(as_text=True)
    assert '<div class="stat" data-figure="events">2</div>' in page  # ev1 and ev2; not cancelled or draft
    assert '<div class="stat" data-figure="meetings">3</div>' in page
    assert '<div class="stat" data-figure="intents">2</div>' in page
    assert '<div class="stat" data-figure="agreements">3</div>' in page
    assert "签约金额合计 250.00 万元" in page  # three agreements: the total may be shown
    assert "高端装备专场" in page and "新能源装备专场" in page


def test_nothing_confidential(client, year_2025):
    page = client.get("/results/2025").get_data(as_text=True)
    for secret in ("甲精机股份", "乙储能科技", "丙大学", "丁理工大学", "王经理", "主轴会商"):
        assert secret not in page, secret
    assert re.findall(r"\d+\.\d\d", page) == ["250.00"]  # the year's total, no amount of one agreement
    assert year_2025.c1.confidential_detail not in page


def test_amount_hidden_below_three_agreements(client, year_2025, db):
    db.session.delete(db.session.query(Agreement).filter_by(amount=80).one())  # the one without a deal
    db.session.commit()
    results = public.results(2025)
    assert results.agreements == 2 and results.amount is None
    assert "签约金额合计" not in client.get("/results/2025").get_data(as_text=True)


def test_results_read_wholly_in_english(client, year_2025):
    year_2025.E.name_en = "High-End Equipment"  # N has no English name: shown marked as Chinese
    year_2025.ev1.title_en = "High-End Equipment Matchmaking"
    page = client.get("/results/2025?lang=en").get_data(as_text=True)
    assert_english_page(page)
    assert "Industry–academia matchmaking results 2025" in page
    assert "High-End Equipment" in page and "meetings" in page and "intents to cooperate" in page
    assert "Agreements signed for 250.00" in page


def test_empty_year_says_what_to_do_and_stays_english(client, db):
    page = client.get("/results/?lang=en").get_data(as_text=True)
    assert_english_page(page)
    assert "No figures for this year yet." in page and "See the coming events" in page


@pytest.mark.parametrize("url", ["/results/1900", "/results/2999", "/results/99999999999999999999"])
def test_years_outside_the_range_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_footer_links_to_the_results(client, db):
    assert 'href="/results/"' in client.get("/").get_data(as_text=True)
