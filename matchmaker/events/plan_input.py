"""The year planner's input: plain dataclasses and a strict reader for the JSON contract.

Every mistake becomes one PlanInputError whose message is a single Chinese line naming the
field, so the CLI prints it as is and a web form can show it beside the input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

DEFAULT_MIN_GAP_DAYS = 21
MIN_YEAR, MAX_YEAR = 2000, 2100  # the holiday package's lunar tables cover this comfortably
MAX_TARGET = 100  # a sanity bound: the province plans 2–6 a year
MAX_CHAINS_PER_EVENT = 3

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEYS = {"year", "target", "min_gap_days", "blackouts", "fixed_dates", "chains", "overlap", "hosts", "clusters"}


class PlanInputError(ValueError):
    """Bad planner input; str(error) is one line fit for an organiser."""


@dataclass(frozen=True)
class ChainDemand:
    code: str
    open_demand: int  # published challenges without a selected proposal or agreement
    capabilities: int  # published capabilities: the supply side's capacity
    name: str = ""  # shown in `why`; the code when empty

    @property
    def label(self) -> str:
        return self.name or self.code


@dataclass(frozen=True)
class HostOption:
    city: str
    university: str
    capability_count: int  # its published capabilities in one chain


@dataclass(frozen=True)
class FixedDate:
    day: date
    chains: tuple[str, ...] = ()  # empty: the planner gives it a theme


@dataclass(frozen=True)
class PlanRequest:
    year: int
    target: int
    chains: tuple[ChainDemand, ...]
    min_gap_days: int = DEFAULT_MIN_GAP_DAYS
    blackouts: tuple[tuple[date, date], ...] = ()
    fixed: tuple[FixedDate, ...] = ()
    overlap: tuple[tuple[str, str, float], ...] = ()
    # per chain code: universities with published capabilities there
    hosts: Mapping[str, tuple[HostOption, ...]] = field(default_factory=dict)
    # per chain code: (city, open demand there) — where a cluster visit should go
    clusters: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)


def _fail(message: str) -> PlanInputError:
    return PlanInputError(message)


def _int(value: Any, where: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(f"{where} 应为整数，收到 {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"{low}–{high}" if high is not None else f"≥ {low}"
        raise _fail(f"{where} 应在 {bound} 之间，收到 {value}")
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(f"{where} 应为非空字符串，收到 {value!r}")
    return value.strip()


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise _fail(f"{where} 应为列表，收到 {type(value).__name__}")
    return value


def _date(value: Any, where: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _fail(f"{where}：无法识别的日期 {value!r}，应为 YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{where}：日期不存在 {value!r}") from None


def _chains(raw: Any) -> tuple[ChainDemand, ...]:
    items = _list(raw, "chains")
    if not items:
        raise _fail("chains 不能为空：至少需要一条产业链")
    chains, seen = [], set()
    for i, item in enumerate(items):
        where = f"chains[{i}]"
        if not isinstance(item, dict):
            raise _fail(f"{where} 应为对象，收到 {type(item).__name__}")
        unknown = set(item) - {"code", "open_demand", "capabilities", "name"}
        if unknown:
            raise _fail(f"{where} 含未知字段：{', '.join(sorted(unknown))}")
        code = _str(item.get("code"), f"{where}.code")
        if code in seen:
            raise _fail(f"{where}.code 重复：{code}")
        seen.add(code)
        name = item.get("name", "")
        if not isinstance(name, str):
            raise _fail(f"{where}.name 应为字符串，收到 {name!r}")
        chains.append(
            ChainDemand(
                code=code,
                open_demand=_int(item.get("open_demand"), f"{where}.open_demand", 0),
                capabilities=_int(item.get("capabilities", 0), f"{where}.capabilities", 0),
                name=name.strip(),
            )
        )
    return tuple(chains)


def _blackouts(raw: Any, year: int) -> tuple[tuple[date, date], ...]:
    spans = []
    for i, item in enumerate(_list(raw, "blackouts")):
        where = f"blackouts[{i}]"
        if not isinstance(item, list) or len(item) != 2:
            raise _fail(f"{where} 应为 [开始日期, 结束日期]")
        start, end = _date(item[0], f"{where}[0]"), _date(item[1], f"{where}[1]")
        if end < start:
            raise _fail(f"{where}：结束日期 {end} 早于开始日期 {start}")
        if end.year < year or start.year > year:
            raise _fail(f"{where}：{start}–{end} 不在 {year} 年内")
        spans.append((start, end))
    covered = _covered_days(spans, year)
    if covered >= (date(year, 12, 31) - date(year, 1, 1)).days + 1:
        raise _fail(f"blackouts 覆盖了 {year} 年全年，没有可安排活动的日子")
    return tuple(spans)


def _covered_days(spans: list[tuple[date, date]], year: int) -> int:
    first, last = date(year, 1, 1), date(year, 12, 31)
    days: set[date] = set()
    for start, end in spans:
        d, stop = max(start, first), min(end, last)
        while d <= stop:
            days.add(d)
            d += timedelta(days=1)
    return len(days)


def _fixed(raw: Any, year: int, codes: set[str]) -> tuple[FixedDate, ...]:
    fixed = []
    for i, item in enumerate(_list(raw, "fixed_dates")):
        where = f"fixed_dates[{i}]"
        if isinstance(item, str):
            day, chains = _date(item, where), ()
        elif isinstance(item, dict):
            unknown = set(item) - {"date", "chains"}
            if unknown:
                raise _fail(f"{where} 含未知字段：{', '.join(sorted(unknown))}")
            day = _date(item.get("date"), f"{where}.date")
            chains = tuple(_str(c, f"{where}.chains[{j}]") for j, c in enumerate(_list(item.get("chains", []), where)))
            if len(chains) > MAX_CHAINS_PER_EVENT or len(set(chains)) != len(chains):
                raise _fail(f"{where}.chains 应为 1–{MAX_CHAINS_PER_EVENT} 条不重复的产业链")
            for code in chains:
                if code not in codes:
                    raise _fail(f"{where}.chains：未知产业链 {code}")
        else:
            raise _fail(f"{where} 应为日期字符串或 {{date, chains}} 对象")
        if day.year != year:
            raise _fail(f"{where}：{day} 不在 {year} 年内")
        if any(f.day == day for f in fixed):
            raise _fail(f"{where}：固定日期 {day} 重复")
        fixed.append(FixedDate(day, chains))
    return tuple(fixed)


def _weight(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _fail(f"{where} 应为 0–1 之间的数，收到 {value!r}")
    if not 0 <= value <= 1:
        raise _fail(f"{where} 应在 0–1 之间，收到 {value}")
    return float(value)


def _overlap(raw: Any, codes: set[str]) -> tuple[tuple[str, str, float], ...]:
    triples = []
    for i, item in enumerate(_list(raw, "overlap")):
        where = f"overlap[{i}]"
        if not isinstance(item, list) or len(item) != 3:
            raise _fail(f"{where} 应为 [产业链, 产业链, 重合度]")
        a, b = _str(item[0], f"{where}[0]"), _str(item[1], f"{where}[1]")
        for code in (a, b):
            if code not in codes:
                raise _fail(f"{where}：未知产业链 {code}")
        if a == b:
            raise _fail(f"{where}：两条产业链相同（{a}）")
        triples.append((a, b, _weight(item[2], f"{where}[2]")))
    return tuple(triples)


def _per_chain(raw: Any, name: str, codes: set[str]) -> dict[str, list]:
    if not isinstance(raw, dict):
        raise _fail(f"{name} 应为对象：{{产业链代码: [...]}}")
    for code in raw:
        if code not in codes:
            raise _fail(f"{name}：未知产业链 {code}")
    return {code: _list(rows, f"{name}.{code}") for code, rows in raw.items()}


def _hosts(raw: Any, codes: set[str]) -> dict[str, tuple[HostOption, ...]]:
    hosts = {}
    for code, rows in _per_chain(raw, "hosts", codes).items():
        options = []
        for i, row in enumerate(rows):
            where = f"hosts.{code}[{i}]"
            if not isinstance(row, list) or len(row) != 3:
                raise _fail(f"{where} 应为 [城市, 高校, 能力数]")
            city, university = _str(row[0], f"{where}[0]"), _str(row[1], f"{where}[1]")
            options.append(HostOption(city, university, _int(row[2], f"{where}[2]", 0)))
        hosts[code] = tuple(options)
    return hosts


def _clusters(raw: Any, codes: set[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    clusters = {}
    for code, rows in _per_chain(raw, "clusters", codes).items():
        cities = []
        for i, row in enumerate(rows):
            where = f"clusters.{code}[{i}]"
            if not isinstance(row, list) or len(row) != 2:
                raise _fail(f"{where} 应为 [城市, 开放需求数]")
            cities.append((_str(row[0], f"{where}[0]"), _int(row[1], f"{where}[1]", 0)))
        clusters[code] = tuple(cities)
    return clusters


def parse_request(data: Any) -> PlanRequest:
    """Read the JSON contract (a decoded dict) into a PlanRequest, or raise PlanInputError."""
    if not isinstance(data, dict):
        raise _fail(f"输入应为 JSON 对象，收到 {type(data).__name__}")
    unknown = set(data) - _KEYS
    if unknown:
        raise _fail(f"未知字段：{', '.join(sorted(unknown))}（可用：{', '.join(sorted(_KEYS))}）")
    for required in ("year", "target", "chains"):
        if required not in data:
            raise _fail(f"缺少字段 {required}")
    year = _int(data["year"], "year", MIN_YEAR, MAX_YEAR)
    target = _int(data["target"], "target", 1, MAX_TARGET)
    chains = _chains(data["chains"])
    codes = {c.code for c in chains}
    return PlanRequest(
        year=year,
        target=target,
        chains=chains,
        min_gap_days=_int(data.get("min_gap_days", DEFAULT_MIN_GAP_DAYS), "min_gap_days", 0, 183),
        blackouts=_blackouts(data.get("blackouts", []), year),
        fixed=_fixed(data.get("fixed_dates", []), year, codes),
        overlap=_overlap(data.get("overlap", []), codes),
        hosts=_hosts(data.get("hosts", {}), codes),
        clusters=_clusters(data.get("clusters", {}), codes),
    )
