"""The public page of the year's results: aggregates only. No organisation is named and no
amount of one agreement can be read off: the year's total amount is shown only when it adds up
at least MIN_AGREEMENTS_FOR_AMOUNT agreements, and never per chain."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from matchmaker.dashboard import funnel
from matchmaker.dashboard.filters import FIRST_YEAR, Filters
from matchmaker.extensions import db
from matchmaker.models import Chain, Event
from matchmaker.timezones import local_today

MIN_AGREEMENTS_FOR_AMOUNT = 3


@dataclass
class ChainResult:
    chain: Chain | None
    challenges: int
    meetings: int
    agreements: int


@dataclass
class Results:
    year: int
    events: list[Event]
    meetings: int
    intents: int
    agreements: int
    amount: object  # Decimal, or None when too few agreements to show it
    chains: list[ChainResult]


def shown_years() -> list[int]:
    return list(range(local_today().year, FIRST_YEAR - 1, -1))


def results(year: int) -> Results:
    filters = Filters(year=year)
    per_chain = funnel.by_chain(filters)
    whole = funnel.total(per_chain)
    chains = list(db.session.scalars(sa.select(Chain).order_by(Chain.sort_order, Chain.id)))
    rows = [
        ChainResult(
            c,
            per_chain[c.id].counts["challenges"],
            per_chain[c.id].counts["meetings"],
            per_chain[c.id].counts["agreements"],
        )
        for c in chains
        if c.id in per_chain
    ]
    if None in per_chain:
        rest = per_chain[None].counts
        rows.append(ChainResult(None, rest["challenges"], rest["meetings"], rest["agreements"]))
    enough = whole.counts["agreements"] >= MIN_AGREEMENTS_FOR_AMOUNT
    return Results(
        year=year,
        events=funnel.held_events(filters),
        meetings=whole.counts["meetings"],
        intents=whole.counts["intents"],
        agreements=whole.counts["agreements"],
        amount=whole.amount if enough else None,
        chains=rows,
    )
