"""The dashboard's filters from the query string (?year=&chain=&city=). A value that names nothing
is dropped with a Chinese message saying so; the page never fails on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from matchmaker.extensions import db
from matchmaker.models import Chain
from matchmaker.organizations.credit_code import CITY_DIVISION_CODES
from matchmaker.timezones import local_today, zone

FIRST_YEAR = 2020
CITIES = tuple(CITY_DIVISION_CODES)  # Shandong's 16 prefecture-level cities, in their official order


@dataclass
class Filters:
    year: int
    chain: Chain | None = None
    city: str | None = None
    problems: list[str] = field(default_factory=list)

    def args(self) -> dict[str, str]:
        """The query string that reproduces these filters (for export links)."""
        made = {"year": str(self.year)}
        if self.chain is not None:
            made["chain"] = self.chain.code
        if self.city:
            made["city"] = self.city
        return made


def years() -> list[int]:
    return list(range(local_today().year + 1, FIRST_YEAR - 1, -1))


def parse(args: MultiDict) -> Filters:
    this_year = local_today().year
    filters = Filters(year=this_year)
    raw_year = args.get("year", "").strip()
    if raw_year:
        if raw_year.isascii() and raw_year.isdigit() and FIRST_YEAR <= int(raw_year) <= this_year + 1:
            filters.year = int(raw_year)
        else:
            filters.problems.append(
                _(
                    "年度应为%(first)d至%(last)d之间的年份，已显示%(year)d年。",
                    first=FIRST_YEAR,
                    last=this_year + 1,
                    year=this_year,
                )
            )
    code = args.get("chain", "").strip()
    if code:
        filters.chain = db.session.scalar(sa.select(Chain).where(Chain.code == code[:40]))
        if filters.chain is None:
            filters.problems.append(_("没有这条产业链，已显示全部产业链。"))
    city = args.get("city", "").strip()
    if city:
        if city in CITIES:
            filters.city = city
        else:
            filters.problems.append(_("城市应为山东省的16个地级市之一，已显示全部城市。"))
    return filters


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The year in China time, as UTC instants: a challenge published at 01:00 on 1 January
    (China) belongs to the new year although it is still 31 December in UTC."""
    start = datetime(year, 1, 1, tzinfo=zone()).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=zone()).astimezone(UTC)
    return start, end
