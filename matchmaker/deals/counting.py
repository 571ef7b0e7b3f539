"""The one agreement count the dashboard and the public results read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from matchmaker.models import Agreement, Challenge, Deal, DealStage

CENT = Decimal("0.01")


def agreements_counted(session: Session, year: int | None = None, chain_id: int | None = None) -> tuple[int, Decimal]:
    """(number of agreements, their sum in 万元), each agreement counted once.

    The rule: an agreement is a deal at 落实 (implementing) that either links a recorded
    Agreement (its amount and signing date count) or, with no Agreement row, carries the amount
    and date reported in a meeting outcome of 达成协议. An Agreement row no deal links (recorded
    before deals existed) counts on its own. So an agreement reached at a meeting and later
    recorded as an Agreement is one deal with one link: counted once, at the Agreement's amount.
    A 落实 deal with neither an Agreement nor an amount (a manager's move without a sum) is not an
    agreement. `year` is the calendar year of the signing date (China dates, as stored);
    `chain_id` the deal's chain (for an unlinked Agreement, its challenge's primary chain).
    """
    if year is not None and not 1 <= year <= 9999:
        return 0, Decimal("0.00")
    signed = sa.func.coalesce(Agreement.signed_on, Deal.signed_on)
    deals = (
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(sa.func.coalesce(Agreement.amount, Deal.amount)), 0))
        .select_from(Deal)
        .outerjoin(Agreement, Agreement.id == Deal.agreement_id)
        .where(Deal.stage == DealStage.IMPLEMENTING)
        .where(sa.or_(Deal.agreement_id.is_not(None), Deal.amount.is_not(None)))
    )
    linked = sa.select(Deal.agreement_id).where(Deal.agreement_id.is_not(None))
    unlinked = (
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(Agreement.amount), 0))
        .select_from(Agreement)
        .join(Challenge, Challenge.id == Agreement.challenge_id)
        .where(Agreement.id.not_in(linked))
    )
    if year is not None:
        deals = deals.where(signed.between(date(year, 1, 1), date(year, 12, 31)))
        unlinked = unlinked.where(Agreement.signed_on.between(date(year, 1, 1), date(year, 12, 31)))
    if chain_id is not None:
        deals = deals.where(Deal.chain_id == chain_id)
        unlinked = unlinked.where(Challenge.primary_chain_id == chain_id)
    n1, sum1 = session.execute(deals).one()
    n2, sum2 = session.execute(unlinked).one()
    # SQLite sums NUMERIC as float: back to 万元 with two decimals.
    return n1 + n2, (Decimal(str(sum1)) + Decimal(str(sum2))).quantize(CENT)
