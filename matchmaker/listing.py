"""Filter arguments shared by the challenge and capability lists."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import request

from matchmaker.extensions import db
from matchmaker.models import Chain
from matchmaker.organizations.credit_code import CITY_DIVISION_CODES


@dataclass
class ListFilters:
    chain: str
    city: str

    @classmethod
    def from_request(cls) -> ListFilters:
        chain = request.args.get("chain", "")[:40]
        city = request.args.get("city", "")
        return cls(chain=chain, city=city if city in CITY_DIVISION_CODES else "")

    @staticmethod
    def chain_choices() -> list[Chain]:
        return list(db.session.scalars(sa.select(Chain).order_by(Chain.sort_order)))

    @staticmethod
    def city_choices() -> list[str]:
        return list(CITY_DIVISION_CODES)
