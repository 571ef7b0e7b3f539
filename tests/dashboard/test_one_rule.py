"""The dashboard's grouped agreement rows and the deals package's count are one rule: for a year
and for each chain they give the same number and amount."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from matchmaker.dashboard import funnel
from matchmaker.dashboard.filters import Filters
from matchmaker.deals.counting import agreements_counted
from matchmaker.models import Deal, DealSource, DealStage


@pytest.fixture
def undated_agreement(year_2025, db):
    """落实 with an amount but no signing date: an agreement, in no year."""
    db.session.add(
        Deal(
            title="未填日期的签约",
            firm=year_2025.a,
            team=year_2025.t1,
            chain=year_2025.E,
            stage=DealStage.IMPLEMENTING,
            source=DealSource.MANUAL,
            amount=Decimal(5),
            created_at=datetime(2025, 8, 1, tzinfo=UTC),
        )
    )
    db.session.commit()


@pytest.mark.parametrize("year", [2024, 2025])
def test_same_count_for_the_year_and_each_chain(year_2025, undated_agreement, db, year):
    per_chain = funnel.by_chain(Filters(year))
    whole = funnel.total(per_chain)
    assert agreements_counted(db.session, year=year) == (whole.counts["agreements"], whole.amount)
    for chain in (year_2025.E, year_2025.N):
        mine = per_chain.get(chain.id, funnel.Funnel())
        assert agreements_counted(db.session, year=year, chain_id=chain.id) == (
            mine.counts["agreements"],
            mine.amount.quantize(Decimal("0.01")),
        )
