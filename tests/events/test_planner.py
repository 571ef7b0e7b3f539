"""The year planner on hand-made cases: holidays and 调休, blackouts, unknown years, themes
grouped by overlap and weighted by demand, spacing, fixed dates, hosts, the CLI contract.
Pure: no app, no database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from matchmaker.events import planner, workdays
from matchmaker.events.plan_input import PlanInputError, parse_request
from matchmaker.events.planner import FIRM_VISITS_UNIVERSITY, UNIVERSITY_VISITS_CLUSTER, plan_from_dict

ROOT = Path(__file__).resolve().parents[2]

# The 11 flagship chains with made-up demand (published challenges without a selected team).
CHAINS = [
    ("it", "新一代信息技术", 12, 28),
    ("equipment", "高端装备", 14, 30),
    ("new-energy", "新能源装备", 11, 25),
    ("materials", "先进材料", 13, 27),
    ("marine", "船舶和海工装备", 8, 15),
    ("chemicals", "高端化工", 12, 22),
    ("agri-machinery", "农机装备", 7, 12),
    ("pharma", "医药", 10, 24),
    ("construction-machinery", "工程机械", 9, 14),
    ("light-industry", "轻工", 6, 11),
    ("textiles", "纺织服装", 5, 10),
]


def _input(**overrides) -> dict:
    data = {
        "year": 2026,
        "target": 6,
        "min_gap_days": 21,
        "blackouts": [],
        "chains": [{"code": c, "name": n, "open_demand": d, "capabilities": k} for c, n, d, k in CHAINS],
    }
    data.update(overrides)
    return data


def _dates(result: dict) -> list[date]:
    return [date.fromisoformat(e["date"]) for e in result["events"]]


def _span(start: str, end: str) -> set[date]:
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


# --- the calendar --------------------------------------------------------------------------------


def test_calendar_knows_the_recent_notices():
    years = workdays.known_years()
    assert {2024, 2025, 2026} <= set(years)
    assert years[0] <= 2004


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2025-09-28", True),  # Sunday, 调休 working day for National Day 2025
        ("2025-10-11", True),  # Saturday, 调休 working day
        ("2026-02-14", True),  # Saturday, 调休 working day for Spring Festival 2026
        ("2026-01-04", True),  # Sunday, 调休 working day for New Year 2026
        ("2025-10-01", False),
        ("2025-10-08", False),  # Wednesday, still in the 2025 National Day run
        ("2025-10-09", True),
        ("2026-02-23", False),  # Monday, day off moved from 2026-02-28
        ("2025-03-08", False),  # an ordinary Saturday
        ("2025-03-10", True),  # an ordinary Monday
    ],
)
def test_is_working_day_follows_holidays_and_tiaoxiu(day, working):
    assert workdays.is_working_day(date.fromisoformat(day)) is working


def test_holiday_runs_come_from_the_calendar():
    assert workdays.spring_festival_run(2026) == (date(2026, 2, 15), date(2026, 2, 23))
    assert workdays.national_day_run(2025) == (date(2025, 10, 1), date(2025, 10, 8))


def test_unknown_year_warns_and_falls_back_to_weekdays():
    assert workdays.unknown_year_warning(2026) is None
    warning = workdays.unknown_year_warning(2099)
    assert "2099" in warning and "调休" in warning
    assert not workdays.is_working_day(date(2099, 1, 3))  # Saturday: no 调休 is assumed
    assert workdays.is_working_day(date(2099, 1, 5))  # an ordinary Monday
    assert not workdays.is_working_day(date(2099, 10, 1))  # National Day, fixed by law (a Thursday)


# --- dates ---------------------------------------------------------------------------------------


def test_events_land_on_working_days_away_from_spring_festival_and_national_day():
    result = plan_from_dict(_input(year=2025, target=12, min_gap_days=14))
    days = _dates(result)
    assert len(days) == 12
    assert all(workdays.is_working_day(d) for d in days)
    sf_start, sf_end = workdays.spring_festival_run(2025)  # 2025-01-28 .. 2025-02-04
    nd_start, nd_end = workdays.national_day_run(2025)  # 2025-10-01 .. 2025-10-08
    for d in days:
        assert not sf_start - timedelta(days=7) <= d <= sf_end + timedelta(days=7)
        assert not nd_start - timedelta(days=3) <= d <= nd_end + timedelta(days=3)
    assert not set(days) & _span("2025-10-01", "2025-10-08")


def test_the_days_around_spring_festival_and_national_day_are_left_out():
    # Open only mid-January to mid-February and late September to mid-October 2025. The holiday
    # runs are 28 Jan – 4 Feb and 1–8 Oct; with their margins (7 and 3 days) eight days remain.
    blackouts = [["2025-01-01", "2025-01-19"], ["2025-02-15", "2025-09-24"], ["2025-10-15", "2025-12-31"]]
    result = plan_from_dict(_input(year=2025, target=8, min_gap_days=0, blackouts=blackouts))
    expected = ["2025-01-20", "2025-02-12", "2025-02-13", "2025-02-14"]
    expected += ["2025-09-25", "2025-09-26", "2025-10-13", "2025-10-14"]
    assert [e["date"] for e in result["events"]] == expected


def test_a_tiaoxiu_saturday_counts_as_a_working_day_and_a_weekday_off_does_not():
    # Everything blacked out but the week of 4–10 May 2026: Mon 4 and Tue 5 are days off,
    # Wed 6 – Fri 8 are working days and Saturday 9 May is a 调休 working day.
    blackouts = [["2026-01-01", "2026-05-03"], ["2026-05-11", "2026-12-31"]]
    result = plan_from_dict(_input(target=5, min_gap_days=0, blackouts=blackouts))
    assert _dates(result) == [date(2026, 5, 6), date(2026, 5, 7), date(2026, 5, 8), date(2026, 5, 9)]
    assert any("少于目标场次" in w for w in result["warnings"])
    assert "调休工作日" in result["events"][-1]["why"]


def test_blackouts_are_never_used():
    blackout = [["2026-03-01", "2026-06-30"], ["2026-07-20", "2026-08-20"]]
    result = plan_from_dict(_input(blackouts=blackout))
    banned = _span("2026-03-01", "2026-06-30") | _span("2026-07-20", "2026-08-20")
    assert len(result["events"]) == 6
    assert not set(_dates(result)) & banned


def test_unknown_year_plans_on_weekdays_with_a_warning():
    result = plan_from_dict(_input(year=2099))
    assert any("2099" in w and "尚未收录" in w for w in result["warnings"])
    days = _dates(result)
    assert len(days) == 6
    assert all(d.weekday() < 5 for d in days)
    for holiday in workdays.statutory_holidays(2099):
        assert all(abs((d - holiday).days) > 3 for d in days)


def test_events_are_spaced_by_the_minimum_gap():
    # Only March and April are open: evenly spread, three events would be ~20 days apart.
    blackouts = [["2026-01-01", "2026-03-01"], ["2026-05-01", "2026-12-31"]]
    days = _dates(plan_from_dict(_input(target=3, min_gap_days=28, blackouts=blackouts)))
    assert len(days) == 3
    assert min((b - a).days for a, b in pairwise(days)) >= 28


def test_an_impossible_gap_is_relaxed_with_a_warning():
    result = plan_from_dict(_input(target=6, min_gap_days=90))
    days = _dates(result)
    assert len(days) == 6
    warning = next(w for w in result["warnings"] if "最小间隔已放宽" in w)
    relaxed = int(warning.split("放宽为 ")[1].split(" 天")[0])
    assert 0 < relaxed < 90
    assert min((b - a).days for a, b in pairwise(days)) >= relaxed


def test_fixed_dates_are_honoured_and_themed():
    fixed = ["2026-06-10", {"date": "2026-09-15", "chains": ["marine", "textiles"]}]
    result = plan_from_dict(_input(fixed_dates=fixed))
    events = {e["date"]: e for e in result["events"]}
    assert len(events) == 6
    assert events["2026-06-10"]["fixed"] and events["2026-06-10"]["chains"]
    assert events["2026-09-15"]["chains"] == ["marine", "textiles"]
    assert "组织方指定" in events["2026-09-15"]["why"]
    covered = [c for e in result["events"] for c in e["chains"]]
    assert sorted(covered) == sorted(c[0] for c in CHAINS)  # the pinned ones are not themed twice


def test_a_fixed_date_on_a_holiday_is_kept_with_a_warning():
    result = plan_from_dict(_input(fixed_dates=["2026-10-02"]))
    assert "2026-10-02" in [e["date"] for e in result["events"]]
    assert any("2026-10-02" in w and "保留" in w for w in result["warnings"])


# --- themes --------------------------------------------------------------------------------------


def test_fewer_events_than_chains_still_covers_every_chain_once():
    result = plan_from_dict(_input(target=6))
    themes = [e["chains"] for e in result["events"]]
    assert len(themes) == 6
    assert all(1 <= len(t) <= 3 for t in themes)
    covered = [c for t in themes for c in t]
    assert sorted(covered) == sorted(c[0] for c in CHAINS)


def test_chains_are_grouped_by_overlap_not_at_random():
    # Without overlap data the two chains in least demand would be paired (textiles + light-industry);
    # a strong measured overlap pairs equipment with construction machinery instead.
    four = [
        {"code": "equipment", "open_demand": 14, "capabilities": 30},
        {"code": "construction-machinery", "open_demand": 9, "capabilities": 14},
        {"code": "light-industry", "open_demand": 6, "capabilities": 11},
        {"code": "textiles", "open_demand": 5, "capabilities": 10},
    ]
    plain = plan_from_dict(_input(target=3, chains=four))
    assert ["light-industry", "textiles"] in [e["chains"] for e in plain["events"]]
    grouped = plan_from_dict(_input(target=3, chains=four, overlap=[["construction-machinery", "equipment", 0.6]]))
    event = next(e for e in grouped["events"] if "equipment" in e["chains"])
    assert event["chains"] == ["equipment", "construction-machinery"]
    assert "能力重合度" in event["why"] and "0.60" in event["why"]


def test_three_times_the_demand_earns_an_extra_and_earlier_event():
    chains = [
        {"code": "equipment", "open_demand": 10, "capabilities": 5},
        {"code": "pharma", "open_demand": 10, "capabilities": 5},
        {"code": "textiles", "open_demand": 30, "capabilities": 5},
    ]
    result = plan_from_dict(_input(target=4, chains=chains))
    themes = [e["chains"] for e in result["events"]]
    assert themes.count(["textiles"]) == 2
    assert themes.count(["equipment"]) == themes.count(["pharma"]) == 1
    assert themes[0] == ["textiles"]
    extra = [e for e in result["events"] if e["chains"] == ["textiles"]][1]
    assert "加场" in extra["why"] and "3.0 倍" in extra["why"]


def test_the_chain_in_most_demand_goes_first_when_chains_are_grouped():
    chains = [dict(c, open_demand=c["open_demand"] * (3 if c["code"] == "textiles" else 1)) for c in _input()["chains"]]
    result = plan_from_dict(_input(chains=chains))
    assert "textiles" in result["events"][0]["chains"]  # 15 open problems, the most of all


def test_chains_without_open_demand_are_reported_not_themed():
    chains = [*_input()["chains"], {"code": "ai-plus", "open_demand": 0, "capabilities": 4, "name": "人工智能+"}]
    result = plan_from_dict(_input(chains=chains))
    assert all("ai-plus" not in e["chains"] for e in result["events"])
    assert any("人工智能+" in w for w in result["warnings"])


def test_too_many_chains_for_the_target_drops_the_least_demand_with_a_warning():
    result = plan_from_dict(_input(target=2))
    covered = {c for e in result["events"] for c in e["chains"]}
    assert len(covered) == 6
    assert "textiles" not in covered and "equipment" in covered
    assert any("未覆盖" in w and "纺织服装" in w for w in result["warnings"])


# --- formats, hosts, why -------------------------------------------------------------------------


def test_formats_alternate_and_hosts_are_the_strongest_in_the_theme():
    hosts = {
        "equipment": [["济南", "山东大学", 12], ["青岛", "中国石油大学（华东）", 5]],
        "it": [["青岛", "中国海洋大学", 6], ["济南", "山东大学", 9]],
    }
    chains = [
        {"code": "equipment", "open_demand": 20, "capabilities": 30},
        {"code": "it", "open_demand": 10, "capabilities": 28},
    ]
    clusters = {"it": [["烟台", 3], ["济南", 7]]}
    result = plan_from_dict(_input(target=2, chains=chains, hosts=hosts, clusters=clusters))
    first, second = result["events"]
    assert (first["format"], second["format"]) == (FIRM_VISITS_UNIVERSITY, UNIVERSITY_VISITS_CLUSTER)
    assert (first["chains"], first["host_university"], first["host_city"]) == (["equipment"], "山东大学", "济南")
    # 山东大学 has hosted already and 中国海洋大学 has at least half its strength in it: rotate.
    assert second["host_university"] == "中国海洋大学"
    assert second["host_city"] == "济南"  # the cluster with the most open demand in the theme
    assert "企业走进高校" in first["why"] and "专家走进园区" in second["why"]


def test_why_names_demand_overlap_and_capacity():
    result = plan_from_dict(_input(overlap=[["equipment", "construction-machinery", 0.4]]))
    why = next(e["why"] for e in result["events"] if "equipment" in e["chains"])
    assert "开放需求：高端装备 14 项" in why
    assert "高端装备—工程机械 0.40" in why
    assert "可对接能力：已发布" in why


def test_the_plan_is_deterministic_across_processes():
    data = json.dumps(
        _input(overlap=[["equipment", "construction-machinery", 0.4], ["light-industry", "textiles", 0.5]])
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-m", "matchmaker.events.planner", "-"],
            input=data,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=True,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
    assert plan_from_dict(json.loads(data)) == plan_from_dict(json.loads(data)) == json.loads(outputs.pop())


def test_the_app_facing_names_exist():
    assert planner.plan is planner.plan_from_dict
    assert planner.PlannerError is PlanInputError


# --- input and the CLI ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"target": 0}, "target"),
        ({"target": "6"}, "target 应为整数"),
        ({"year": 2027.0}, "year 应为整数"),
        ({"blackouts": [["2026/07/20", "2026-08-20"]]}, "无法识别的日期"),
        ({"blackouts": [["2026-02-30", "2026-03-01"]]}, "日期不存在"),
        ({"blackouts": [["2025-12-01", "2027-01-31"]]}, "覆盖了 2026 年全年"),
        ({"blackouts": [["2026-01-01", "2026-06-30"], ["2026-07-01", "2026-12-31"]]}, "全年"),
        ({"blackouts": [["2026-08-20", "2026-07-20"]]}, "早于"),
        ({"blackouts": [["2025-07-20", "2025-08-20"]]}, "不在 2026 年内"),
        ({"fixed_dates": ["2027-03-01"]}, "不在 2026 年内"),
        ({"overlap": [["equipment", "nowhere", 0.5]]}, "未知产业链"),
        ({"overlap": [["equipment", "it", 1.5]]}, "0–1"),
        ({"chains": []}, "chains 不能为空"),
        ({"chains": [{"code": "it", "open_demand": -1, "capabilities": 1}]}, "open_demand"),
        ({"blackout": []}, "未知字段：blackout"),
    ],
)
def test_bad_input_is_one_clear_error(change, fragment):
    with pytest.raises(PlanInputError) as caught:
        parse_request(_input(**change))
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_cli_prints_the_plan_as_json(tmp_path, capsys):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(_input(year=2027, blackouts=[["2027-07-20", "2027-08-20"]])), encoding="utf-8")
    assert planner.main([str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"events", "warnings"}
    assert {"date", "chains", "why"} <= set(out["events"][0])


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{not json", "不是合法的 JSON"),
        (json.dumps(_input(target=0)), "target"),
        (json.dumps(_input(blackouts=[["20260720", "2026-08-20"]])), "无法识别的日期"),
        (json.dumps(_input(blackouts=[["2026-01-01", "2026-12-31"]])), "全年"),
        (json.dumps({**_input(), "overlap": [["it", "equipment", "NaN"]]}), "overlap[0][2]"),
        ('{"year": 2026, "target": 6, "chains": [{"code": "it", "open_demand": NaN}]}', "NaN"),
        ("[]", "JSON 对象"),
    ],
)
def test_cli_rejects_bad_input_with_one_line(tmp_path, capsys, text, fragment):
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    assert planner.main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and fragment in lines[0]


def test_cli_missing_file_and_usage(tmp_path, capsys):
    assert planner.main([str(tmp_path / "absent.json")]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert planner.main([]) == 2
    assert "用法" in capsys.readouterr().err


def test_cli_as_a_module(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(_input(target=0)), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "matchmaker.events.planner", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1 and "target" in run.stderr
