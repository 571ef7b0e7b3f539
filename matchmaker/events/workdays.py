"""China's working-day calendar for planning events.

Public holidays and the adjusted working days (调休) come from the `holidays` package, which
carries the State Council's yearly notices (2001–2026 in holidays 0.109). A year without a
notice is *unknown*: its 调休 is not decided yet, so we fall back to Monday–Friday minus the
statutory holidays the law fixes (their dates estimated by the package) and say so in a warning —
never a silent guess.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

# How far the planner stays from the Spring Festival and National Day holiday runs (calendar days):
# people leave early and return late around 春节; 国庆 is a single busy week.
SPRING_FESTIVAL_MARGIN_DAYS = 7
NATIONAL_DAY_MARGIN_DAYS = 3
# In an unknown year bridge days (调休放假) are not decided yet: keep this far from every statutory holiday.
UNKNOWN_YEAR_HOLIDAY_MARGIN_DAYS = 3


@cache
def _china(year: int):
    # Imported here: the package takes ~0.5 s to import, only worth it when someone plans.
    from holidays.countries.china import China

    return China(years=year, language="zh_CN")


@cache
def known_years() -> tuple[int, ...]:
    """Years for which the package has the State Council's holiday notice (holidays and 调休)."""
    from holidays.countries.china import ChinaStaticHolidays

    # The notices are stored per year as the package's "special" holidays; tests pin 2024–2026 so
    # a package refactor that moves them fails loudly instead of marking every year unknown.
    return tuple(sorted(ChinaStaticHolidays.special_public_holidays))


def is_known_year(year: int) -> bool:
    return year in known_years()


def unknown_year_warning(year: int) -> str | None:
    """One Chinese sentence for an organiser when `year` has no official 调休 notice in the package."""
    if is_known_year(year):
        return None
    years = known_years()
    return (
        f"{year} 年的放假与调休安排尚未收录（日历库已收录 {years[0]}–{years[-1]} 年）："
        f"本计划按周一至周五排期，避开法定节日及其前后 {UNKNOWN_YEAR_HOLIDAY_MARGIN_DAYS} 天；"
        f"国务院办公厅公布 {year} 年放假安排后，请升级 holidays 并重新生成计划。"
    )


def statutory_holidays(year: int) -> dict[date, str]:
    """Days off in `year` with their Chinese names (for an unknown year: the law's days, estimated)."""
    cn = _china(year)
    return {d: cn[d] for d in sorted(cn) if d.year == year}


def is_working_day(d: date) -> bool:
    """True when people work on `d`: weekdays that are not holidays, plus 调休 Saturdays/Sundays.

    Unknown year: Monday–Friday that are not statutory holidays (see `unknown_year_warning`).
    """
    cn = _china(d.year)
    if is_known_year(d.year):
        return cn.is_working_day(d)
    return d.weekday() < 5 and d not in cn


def _run_around(anchor: date) -> tuple[date, date]:
    """The stretch of consecutive non-working days containing `anchor` (a holiday)."""
    start = end = anchor
    # A holiday run is at most ~9 days; the bound only guards against a calendar bug looping forever.
    for _ in range(21):
        if is_working_day(start - timedelta(days=1)):
            break
        start -= timedelta(days=1)
    for _ in range(21):
        if is_working_day(end + timedelta(days=1)):
            break
        end += timedelta(days=1)
    return start, end


def _first_named(year: int, word: str) -> date | None:
    named = [d for d, name in statutory_holidays(year).items() if word in name]
    return min(named) if named else None


def spring_festival_run(year: int) -> tuple[date, date]:
    """The Spring Festival holiday run of `year` (春节 and the days off around it)."""
    anchor = _first_named(year, "春节")
    if anchor is None:  # pragma: no cover - the package names 春节 in every year since 1950
        raise LookupError(f"no Spring Festival in the calendar for {year}")
    return _run_around(anchor)


def national_day_run(year: int) -> tuple[date, date]:
    """The National Day holiday run of `year` (国庆节, from 1 October)."""
    return _run_around(date(year, 10, 1))


def avoided_windows(year: int) -> list[tuple[date, date, str]]:
    """Periods the planner keeps away from, each with a Chinese label (for `why` and the UI)."""
    sf_start, sf_end = spring_festival_run(year)
    nd_start, nd_end = national_day_run(year)
    sf_margin = timedelta(days=SPRING_FESTIVAL_MARGIN_DAYS)
    nd_margin = timedelta(days=NATIONAL_DAY_MARGIN_DAYS)
    windows = [
        (sf_start - sf_margin, sf_end + sf_margin, "春节假期前后"),
        (nd_start - nd_margin, nd_end + nd_margin, "国庆假期前后"),
    ]
    if not is_known_year(year):
        margin = timedelta(days=UNKNOWN_YEAR_HOLIDAY_MARGIN_DAYS)
        windows += [(d - margin, d + margin, f"{name}前后（调休未定）") for d, name in statutory_holidays(year).items()]
    return windows
