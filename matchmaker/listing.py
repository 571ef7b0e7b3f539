"""Filter, search and sort arguments shared by the challenge and capability lists.

Every value from the query string is checked against what it may be; anything else is
ignored (the list shows unfiltered), so a hand-edited URL never causes an error."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask import request
from werkzeug.datastructures import MultiDict

from matchmaker.extensions import db
from matchmaker.models import Chain, OrgKind
from matchmaker.organizations.credit_code import CITY_DIVISION_CODES

BUDGET_CAP = Decimal("9999999999.99")
QUERY_LENGTH = 100


def _choice(value: str, allowed: Iterable[str]) -> str:
    return value if value in set(allowed) else ""


def _decimal(value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() and 0 <= number <= BUDGET_CAP else None


def _trl(value: str) -> int | None:
    # Not str.isdigit(): "²" is a digit to it, and int("²") raises.
    return int(value) if value in {str(n) for n in range(1, 10)} else None


def _ordered(low: object, high: object) -> tuple:
    """A reversed range (max below min) is read the way it was meant."""
    if low is not None and high is not None and low > high:
        return high, low
    return low, high


@dataclass
class ListFilters:
    chain: str = ""
    city: str = ""
    status: str = ""
    mode: str = ""
    org_kind: str = ""
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    trl_min: int | None = None
    trl_max: int | None = None
    q: str = ""
    sort: str = ""

    @classmethod
    def from_request(
        cls,
        statuses: Iterable[str] = (),
        modes: Iterable[str] = (),
        sorts: Iterable[str] = (),
        args: MultiDict | None = None,
    ) -> ListFilters:
        args = request.args if args is None else args
        get = lambda name: (args.get(name) or "").strip()  # noqa: E731
        budget_min, budget_max = _ordered(_decimal(get("budget_min")), _decimal(get("budget_max")))
        trl_min, trl_max = _ordered(_trl(get("trl_min")), _trl(get("trl_max")))
        return cls(
            chain=get("chain")[:40],
            city=_choice(get("city"), CITY_DIVISION_CODES),
            status=_choice(get("status"), statuses),
            mode=_choice(get("mode"), modes),
            org_kind=_choice(get("org_kind"), (k.value for k in OrgKind)),
            budget_min=budget_min,
            budget_max=budget_max,
            trl_min=trl_min,
            trl_max=trl_max,
            q=get("q")[:QUERY_LENGTH],
            sort=_choice(get("sort"), sorts),
        )

    @property
    def active(self) -> bool:
        """Whether anything narrows the list (so the empty state offers to clear it)."""
        narrowing = (self.chain, self.city, self.status, self.mode, self.org_kind, self.q)
        ranges = (self.budget_min, self.budget_max, self.trl_min, self.trl_max)
        return any(narrowing) or any(v is not None for v in ranges)

    @staticmethod
    def chain_choices() -> list[Chain]:
        return list(db.session.scalars(sa.select(Chain).order_by(Chain.sort_order)))

    @staticmethod
    def city_choices() -> list[str]:
        return list(CITY_DIVISION_CODES)

    @staticmethod
    def kind_choices() -> list[OrgKind]:
        return list(OrgKind)
