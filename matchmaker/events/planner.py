"""年度对接活动计划 — the year planner: a pure function from plain data to a proposed plan.

`plan_year(PlanRequest) -> Plan` spreads the year's matchmaking events over China's working days
(holidays and 调休 from `workdays`), away from blackouts and the Spring Festival / National Day
weeks and at least `min_gap_days` apart; gives each event a theme of 1–3 chains weighted by open
demand and grouped by capability overlap; suggests a host and alternates the two formats; and
says why. No app, no database, no clock: the same input gives the same plan.

CLI: `python -m matchmaker.events.planner INPUT.json` prints the plan as JSON; bad input exits 2
with one line on stderr. The rules are written out in the README ("年度对接活动计划").
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

from matchmaker.events import workdays
from matchmaker.events.plan_input import (
    MAX_CHAINS_PER_EVENT,
    ChainDemand,
    PlanInputError,
    PlanRequest,
    parse_request,
)

FIRM_VISITS_UNIVERSITY = "firm_visits_university"
UNIVERSITY_VISITS_CLUSTER = "university_visits_cluster"
FORMAT_LABELS = {FIRM_VISITS_UNIVERSITY: "企业走进高校", UNIVERSITY_VISITS_CLUSTER: "专家走进园区"}
# A host already used this year gives way to the next one if that one has at least this share of
# the best score, so the year visits several universities and cities rather than one.
HOST_ROTATION_SHARE = 0.5

__all__ = [
    "FIRM_VISITS_UNIVERSITY",
    "UNIVERSITY_VISITS_CLUSTER",
    "Plan",
    "PlanInputError",
    "PlanRequest",
    "PlannedEvent",
    "PlannerError",
    "main",
    "parse_request",
    "plan",
    "plan_from_dict",
    "plan_year",
]


@dataclass(frozen=True)
class PlannedEvent:
    day: date
    chains: tuple[str, ...]
    format: str
    host_city: str | None
    host_university: str | None
    why: str
    fixed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "chains": list(self.chains),
            "format": self.format,
            "host_city": self.host_city,
            "host_university": self.host_university,
            "fixed": self.fixed,
            "why": self.why,
        }


@dataclass(frozen=True)
class Plan:
    events: tuple[PlannedEvent, ...]
    warnings: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"events": [e.to_dict() for e in self.events], "warnings": list(self.warnings)}


@dataclass(frozen=True)
class _Theme:
    chains: tuple[str, ...]
    weight: float  # open demand that earns this event (for an extra event: demand / its number)
    number: int = 1  # 1 for a chain's first event, 2+ for an extra event earned by demand

    def sort_key(self, order: dict[str, int]) -> tuple:
        return (-self.weight, self.number, min(order[c] for c in self.chains))


# --- calendar ------------------------------------------------------------------------------------


def _year_days(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year, 12, 31) - first).days + 1)]


def _exclusion(day: date, windows: Sequence[tuple[date, date, str]]) -> str | None:
    """Why `day` cannot host an event, or None when it can."""
    if not workdays.is_working_day(day):
        return "非工作日"
    for start, end, label in windows:
        if start <= day <= end:
            return label
    return None


def _windows(req: PlanRequest) -> list[tuple[date, date, str]]:
    blackouts = [(s, e, f"屏蔽期 {s}–{e}") for s, e in req.blackouts]
    return workdays.avoided_windows(req.year) + blackouts


# --- dates ---------------------------------------------------------------------------------------


def _spread(positions: list[date], fixed: set[date], n: int, gap: int) -> list[date] | None:
    """n dates from `positions` (which include every fixed date), all fixed ones among them,
    consecutive ones >= gap days apart (two fixed dates excepted), as close as possible to n
    evenly spaced ideal dates. Dynamic programme over (event number, position), O(n × positions)
    with a sliding-window minimum; None when impossible."""
    ords = [d.toordinal() for d in positions]
    count = len(positions)
    span = ords[-1] - ords[0] + 1
    ideal = [ords[0] + (i + 0.5) * span / n for i in range(n)]
    is_fixed = [d in fixed for d in positions]
    # the latest fixed position before j: a predecessor may not jump over it
    fixed_before, last = [], -1
    for j in range(count):
        fixed_before.append(last)
        if is_fixed[j]:
            last = j
    first_fixed = next((j for j in range(count) if is_fixed[j]), count)
    last_fixed = last

    inf = math.inf
    prev = [abs(ords[j] - ideal[0]) if j <= first_fixed else inf for j in range(count)]
    parents: list[list[int]] = []
    for i in range(1, n):
        cur, par = [inf] * count, [-1] * count
        window: deque[int] = deque()
        k = 0
        for j in range(count):
            while k < j and ords[k] <= ords[j] - gap:
                while window and prev[window[-1]] > prev[k]:
                    window.pop()
                window.append(k)
                k += 1
            low = max(fixed_before[j], 0)
            while window and window[0] < low:
                window.popleft()
            best, arg = (prev[window[0]], window[0]) if window else (inf, -1)
            if is_fixed[j] and fixed_before[j] >= 0 and prev[fixed_before[j]] < best:
                best, arg = prev[fixed_before[j]], fixed_before[j]  # two fixed dates may be close
            if best < inf:
                cur[j], par[j] = best + abs(ords[j] - ideal[i]), arg
        parents.append(par)
        prev = cur
    ends = [j for j in range(max(last_fixed, 0), count) if prev[j] < inf]
    if not ends:
        return None
    j = min(ends, key=lambda x: (prev[x], x))
    chosen = [j]
    for par in reversed(parents):
        j = par[j]
        chosen.append(j)
    return [positions[j] for j in reversed(chosen)]


def _choose_dates(candidates: list[date], fixed: set[date], n: int, min_gap: int, warnings: list[str]) -> list[date]:
    positions = sorted(set(candidates) | fixed)
    if n > len(positions):
        warnings.append(f"可用工作日只有 {len(positions)} 天，少于目标场次，计划减为 {len(positions)} 场。")
        n = len(positions)
    gap = max(min_gap, 1)
    days = _spread(positions, fixed, n, gap)
    if days is None:
        low, high = 1, gap - 1  # gap 1 always fits: n <= len(positions)
        while low < high:
            mid = (low + high + 1) // 2
            if _spread(positions, fixed, n, mid) is not None:
                low = mid
            else:
                high = mid - 1
        days = _spread(positions, fixed, n, low)
        warnings.append(f"可用工作日不足以让各场相隔 {min_gap} 天，最小间隔已放宽为 {low} 天。")
    assert days is not None
    for a, b in pairwise(days):
        if (b - a).days >= min_gap or a not in fixed or b not in fixed:
            continue
        warnings.append(f"固定日期 {a} 与 {b} 只相隔 {(b - a).days} 天，小于最小间隔 {min_gap} 天，按指定保留。")
    return days


# --- themes --------------------------------------------------------------------------------------


def _min_events(sizes: list[int]) -> int:
    """Fewest events of <= 3 chains that groups (kept whole) fit in; sizes[k] = groups of k chains."""
    return sizes[3] + sizes[2] + max(0, math.ceil((sizes[1] - sizes[2]) / 3))


def _group_by_overlap(
    chains: list[ChainDemand], slots: int, overlap: dict[frozenset, float]
) -> list[list[ChainDemand]]:
    """Merge chains into exactly `slots` groups of <= 3: strongest average overlap first; among
    equal overlaps (no overlap data at all, say) the pair with the least open demand, so the chains
    in most demand keep an event of their own the longest. Never a merge that leaves no way to
    reach `slots` groups."""
    groups = [[c] for c in chains]
    sizes = [0, len(groups), 0, 0]
    while len(groups) > slots:
        best_key, best_pair = None, None
        for i, j in combinations(range(len(groups)), 2):
            a, b = groups[i], groups[j]
            if len(a) + len(b) > MAX_CHAINS_PER_EVENT:
                continue
            after = sizes.copy()
            after[len(a)] -= 1
            after[len(b)] -= 1
            after[len(a) + len(b)] += 1
            if _min_events(after) > slots:
                continue
            link = sum(overlap.get(frozenset((x.code, y.code)), 0.0) for x in a for y in b) / (len(a) * len(b))
            demand = sum(c.open_demand for c in a) + sum(c.open_demand for c in b)
            key = (round(link, 3), -demand, -i, -j)
            if best_key is None or key > best_key:
                best_key, best_pair = key, (i, j)
        assert best_pair is not None  # a feasible merge always exists while len(groups) > slots
        i, j = best_pair
        sizes[len(groups[i])] -= 1
        sizes[len(groups[j])] -= 1
        groups[i] = groups[i] + groups[j]
        sizes[len(groups[i])] += 1
        del groups[j]
    return groups


def _themes(req: PlanRequest, slots: int, pinned: list[tuple[str, ...]], warnings: list[str]) -> list[_Theme]:
    """Themes for the `slots` events the organiser did not give chains to, best first."""
    order = {c.code: i for i, c in enumerate(req.chains)}
    active = [c for c in req.chains if c.open_demand > 0]
    idle = [c for c in req.chains if c.open_demand == 0]
    if not active:
        warnings.append("所有产业链均无开放需求：按产业链顺序平均安排主题。")
        active, idle = list(req.chains), []
    elif idle:
        warnings.append(f"以下产业链暂无开放需求，未排入主题：{'、'.join(c.label for c in idle)}。")
    counts: Counter[str] = Counter(code for chains in pinned for code in chains)
    uncovered = [c for c in active if counts[c.code] == 0]
    themes: list[_Theme] = []
    if len(uncovered) <= slots:
        for c in uncovered:
            themes.append(_Theme((c.code,), float(c.open_demand)))
            counts[c.code] += 1
        # Extra events go where demand per event stays highest (D'Hondt): a chain with three times
        # the open problems of the others earns its second event before they do.
        for _ in range(slots - len(uncovered)):
            best = min(active, key=lambda c: (-c.open_demand / (counts[c.code] + 1), order[c.code]))
            counts[best.code] += 1
            themes.append(_Theme((best.code,), best.open_demand / counts[best.code], counts[best.code]))
    else:
        capacity = slots * MAX_CHAINS_PER_EVENT
        if len(uncovered) > capacity:
            ranked = sorted(uncovered, key=lambda c: (-c.open_demand, order[c.code]))
            dropped = ranked[capacity:]
            warnings.append(
                f"{slots} 场活动最多容纳 {capacity} 条产业链，以下需求较少的产业链本年未覆盖："
                f"{'、'.join(c.label for c in sorted(dropped, key=lambda c: order[c.code]))}。"
            )
            uncovered = [c for c in uncovered if c not in dropped]
        overlap = {frozenset((a, b)): w for a, b, w in req.overlap}
        for group in _group_by_overlap(uncovered, slots, overlap) if slots else []:
            group.sort(key=lambda c: (-c.open_demand, order[c.code]))
            themes.append(_Theme(tuple(c.code for c in group), float(max(c.open_demand for c in group))))
    return sorted(themes, key=lambda t: t.sort_key(order))


# --- hosts and why -------------------------------------------------------------------------------


def _pick(scores: dict[Any, int], used: set) -> Any | None:
    """The best-scoring option, giving way to an unused one that scores at least HOST_ROTATION_SHARE of it."""
    if not scores:
        return None
    ranked = sorted(scores, key=lambda k: (-scores[k], k))
    top = scores[ranked[0]]
    for option in ranked:
        if scores[option] < top * HOST_ROTATION_SHARE:
            break
        if option not in used:
            return option
    return ranked[0]


def _host(
    req: PlanRequest, chains: tuple[str, ...], fmt: str, used: dict[str, set]
) -> tuple[str | None, str | None, str]:
    """(city, university, text): the university strongest in the theme; for a cluster visit the
    city with the most open demand in the theme, the university leading the expert team."""
    universities: Counter[tuple[str, str]] = Counter()
    for code in chains:
        for option in req.hosts.get(code, ()):
            universities[(option.university, option.city)] += option.capability_count
    cities: Counter[str] = Counter()
    for code in chains:
        for city, demand in req.clusters.get(code, ()):
            cities[city] += demand
    uni = _pick({k: v for k, v in universities.items() if v > 0}, used["universities"])
    if uni is None:
        return None, None, "承办单位待定（本主题暂无已发布能力数据）"
    used["universities"].add(uni)
    university, uni_city = uni
    strength = f"{university}（{uni_city}，本主题已发布能力 {universities[uni]} 项）"
    if fmt == FIRM_VISITS_UNIVERSITY:
        return uni_city, university, f"建议承办：{strength}"
    city = _pick({k: v for k, v in cities.items() if v > 0}, used["cities"])
    if city is None:
        return uni_city, university, f"建议由{strength}带队，地点暂定{uni_city}（暂无园区需求数据）"
    used["cities"].add(city)
    return city, university, f"建议地点：{city}（本主题开放需求 {cities[city]} 项）；由{strength}带队"


def _why(req: PlanRequest, theme: _Theme, day: date, place: str, host_text: str, fmt: str) -> str:
    """The organiser-facing reason: demand per chain, why here in the year, overlap, capacity, host."""
    by_code = {c.code: c for c in req.chains}
    chains = [by_code[code] for code in theme.chains]
    overlap = {frozenset((a, b)): w for a, b, w in req.overlap}
    parts = ["开放需求：" + "、".join(f"{c.label} {c.open_demand} 项" for c in chains), place]
    if len(chains) > 1:
        pairs = [
            f"{a.label}—{b.label} {overlap[frozenset((a.code, b.code))]:.2f}"
            for a, b in combinations(chains, 2)
            if overlap.get(frozenset((a.code, b.code)))
        ]
        if pairs:
            parts.append("能力重合度：" + "、".join(pairs) + "，合并举办")
        else:
            parts.append("场次少于产业链数，合并需求较少的产业链（无能力重合数据）")
    supply = sum(c.capabilities for c in chains)
    detail = "、".join(f"{c.label} {c.capabilities}" for c in chains) if len(chains) > 1 else ""
    parts.append(f"可对接能力：已发布 {supply} 项" + (f"（{detail}）" if detail else ""))
    parts.append(f"形式：{FORMAT_LABELS[fmt]}；{host_text}")
    if day.weekday() >= 5:
        parts.append("该日为调休工作日")
    return "。".join(parts) + "。"


def _place(req: PlanRequest, theme: _Theme, rank: int, total: int, fixed_day: bool, pinned: bool) -> str:
    """Why this event sits where it does in the year."""
    if pinned:
        return "组织方指定日期与主题"
    prefix = "组织方指定日期；" if fixed_day else ""
    if theme.number > 1:
        chain = next(c for c in req.chains if c.code == theme.chains[0])
        others = [c.open_demand for c in req.chains if c is not chain]
        mean = sum(others) / len(others) if others else 0
        ratio = f"，为其他产业链平均（{mean:.1f} 项）的 {chain.open_demand / mean:.1f} 倍" if mean else ""
        return f"{prefix}按需求加场：{chain.label} 开放需求 {chain.open_demand} 项{ratio}，本年第 {theme.number} 场"
    return f"{prefix}主题按开放需求排第 {rank}/{total}（需求越多排期越早）"


# --- the planner ---------------------------------------------------------------------------------


def plan_year(req: PlanRequest) -> Plan:
    """The proposed plan for `req.year`; raises PlanInputError when the year has no usable day."""
    warnings: list[str] = []
    calendar_warning = workdays.unknown_year_warning(req.year)
    if calendar_warning:
        warnings.append(calendar_warning)

    windows = _windows(req)
    candidates = [d for d in _year_days(req.year) if _exclusion(d, windows) is None]
    if not candidates:
        raise PlanInputError(f"{req.year} 年扣除节假日、春节与国庆前后和屏蔽期后，没有可安排活动的工作日")
    fixed = {f.day: f for f in req.fixed}
    for f in req.fixed:
        reason = _exclusion(f.day, windows)
        if reason:
            warnings.append(f"固定日期 {f.day} 落在{reason}，按组织方指定保留，请确认。")
    n = req.target
    if len(fixed) > n:
        warnings.append(f"固定日期有 {len(fixed)} 个，多于目标 {req.target} 场，全部保留。")
        n = len(fixed)

    days = _choose_dates(candidates, set(fixed), n, req.min_gap_days, warnings)
    pinned = [fixed[d].chains for d in days if d in fixed and fixed[d].chains]
    themes = _themes(req, len(days) - len(pinned), pinned, warnings)

    events: list[PlannedEvent] = []
    used: dict[str, set] = {"universities": set(), "cities": set()}
    next_theme = 0
    for day in days:
        is_pinned = day in fixed and bool(fixed[day].chains)
        if is_pinned:
            theme, place = _Theme(fixed[day].chains, 0.0), _place(req, _Theme((), 0.0), 0, 0, True, True)
        elif next_theme < len(themes):
            theme = themes[next_theme]
            next_theme += 1
            place = _place(req, theme, next_theme, len(themes), day in fixed, False)
        else:
            continue  # every chain is already themed elsewhere: this date is not proposed
        fmt = FIRM_VISITS_UNIVERSITY if len(events) % 2 == 0 else UNIVERSITY_VISITS_CLUSTER
        city, university, host_text = _host(req, theme.chains, fmt, used)
        why = _why(req, theme, day, place, host_text, fmt)
        events.append(PlannedEvent(day, theme.chains, fmt, city, university, why, day in fixed))
    if len(events) < len(days):
        warnings.append(f"产业链已全部排入主题，只提出 {len(events)} 场，其余 {len(days) - len(events)} 个日期未用。")
    return Plan(tuple(events), tuple(warnings))


def plan_from_dict(data: Any) -> dict[str, Any]:
    """The JSON contract in one call: decoded input → decoded output (PlanInputError on bad input)."""
    return plan_year(parse_request(data)).to_dict()


# The names the app's year-plan operations (plans.py) call.
plan = plan_from_dict
PlannerError = PlanInputError


# --- CLI -----------------------------------------------------------------------------------------

USAGE = "用法：python -m matchmaker.events.planner INPUT.json（- 表示标准输入）"


def _reject_constant(name: str) -> float:
    raise ValueError(f"不支持的数值 {name}")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(USAGE, file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    try:
        text = sys.stdin.read() if args[0] == "-" else Path(args[0]).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        print(f"错误：无法读取 {args[0]}：{error}", file=sys.stderr)
        return 2
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except ValueError as error:
        print(f"错误：输入不是合法的 JSON：{error}", file=sys.stderr)
        return 2
    try:
        result = plan_from_dict(data)
    except PlanInputError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
