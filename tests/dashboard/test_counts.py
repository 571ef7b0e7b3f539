"""Each chart's table against figures counted by hand from tests/dashboard/conftest.py."""

from __future__ import annotations

from decimal import Decimal

from matchmaker.dashboard import funnel, panels
from matchmaker.dashboard.filters import Filters


def rows(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


def test_funnel_for_the_year(year_2025):
    table = panels.funnel_year(Filters(2025))
    # challenges c1 c2 c3 c4 (c4 is 1 January in China); pairs c1×2, c3, c4; meetings m1 m2 m4;
    # intents m1 (firm) and m4 (agreement); agreements: deal of m4 (50), deal with ag1 (120), ag2 (80).
    assert [r[1] for r in table.rows] == [4, 4, 3, 2, 3]
    assert table.rows[-1][2] == Decimal("250.00")


def test_funnel_by_chain(year_2025):
    table = rows(panels.funnel_chains(Filters(2025)))
    # E: c1 c2; pairs of c1; m1 m2 at ev1; intent m1; ag1 120.  N: c3 c4; 2 pairs; m4 at ev2 (main
    # chain N although E is also a theme); intent m4; deal of m4 50 + ag2 80.
    assert table == {
        "高端装备": [2, 2, 2, 1, 1, Decimal("120.00")],
        "新能源装备": [2, 2, 1, 1, 2, Decimal("130.00")],
    }


def test_funnel_by_event(year_2025):
    table = panels.funnel_events(Filters(2025))
    # ev1: firm A's listed c1 c2 (not withdrawn c5, not the draft); pairs c1×k1 (T1), c1×k2 (T2);
    # ev2: firm B's c3 c4 c6; pairs c3×k2, c4×k3 (c6×k1 is with T1, not at ev2). Cancelled and
    # draft events are not listed.
    assert [r[0] for r in table.rows] == ["高端装备专场", "新能源装备专场"]
    assert [r[2:] for r in table.rows] == [
        [2, 2, 2, 1, 1, Decimal("120.00")],
        [3, 2, 1, 1, 1, Decimal("50.00")],
    ]


def test_filters_cut_every_stage(year_2025):
    by_chain = Filters(2025, chain=year_2025.E)
    assert [r[1] for r in panels.funnel_year(by_chain).rows] == [2, 2, 2, 1, 1]
    by_city = Filters(2025, city="青岛市")  # firm B's: c3 c4, their pairs, m4, its intent, 50 + 80
    table = panels.funnel_year(by_city)
    assert [r[1] for r in table.rows] == [2, 2, 1, 1, 2] and table.rows[-1][2] == Decimal("130.00")
    assert [r[1] for r in panels.funnel_year(Filters(2024)).rows] == [1, 1, 0, 0, 1]  # c6, its pair c6×k1, ag3


def test_events_by_month_against_the_target(year_2025):
    table = panels.events(Filters(2025))
    assert table.extra["target"] == 6  # no plan for 2025: the plans' default
    assert table.column("已举办") == [0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]  # cancelled and draft: neither
    assert sum(table.column("计划中")) == 0
    assert table.rows[-1][3] == 2


def test_supply_heatmap(year_2025):
    table = panels.heatmap(Filters(2025))
    # open (published) challenges c1 c6 (E), c3 c4 (N); pairs E→E c1×k1 c6×k1, E→N c1×k2,
    # N→N c3×k2, N→E c4×k3. Supply E: k1 k3, N: k2.
    assert table.columns[1:3] == ["高端装备", "新能源装备"]
    assert rows(table) == {"高端装备": [2, 1, 2, 2, 1.0], "新能源装备": [1, 1, 2, 1, 2.0]}


def test_key_problem_list_against_target(year_2025):
    table = panels.key_problem_list(Filters(2025))
    assert rows(table) == {"高端装备": [1], "新能源装备": [2]}
    assert table.extra == {"total": 3, "target": 100, "label": "入选难题"}


def test_city_activity(year_2025):
    table = rows(panels.city_activity(Filters(2025)))
    assert len(table) == 16  # every city shows, with zeros
    # challenges, capabilities, participants at held events, agreements (firm's city)
    assert table["济南市"] == [2, 1, 2, 1]
    assert table["青岛市"] == [2, 0, 1, 2]
    assert table["淄博市"] == [0, 2, 2, 0]
    assert table["菏泽市"] == [0, 0, 0, 0]


def test_deals_by_manager_and_stale(year_2025):
    table = rows(panels.deals(Filters(2025)))
    # stages 对接 会商 落实 未成, then stale (open and untouched for 14 days: only 主轴会商)
    assert table == {"王经理": [0, 1, 1, 0, 1], "未分配": [0, 0, 2, 0, 0]}
    stale = panels.stale(Filters(2025))
    assert [r[0] for r in stale.rows] == ["主轴会商"] and stale.rows[0][-1] == 30


def test_every_agreement_counted_once(year_2025):
    """ag1 is linked to a deal at 落实: counted through the deal, not again as an agreement."""
    whole = funnel.total(funnel.by_chain(Filters(2025)))
    assert whole.counts["agreements"] == 3
