"""The year's key-problem list (年度难题榜单) against its target: entries per chain (the
challenge's main chain; with the city filter, challenges of firms in the city)."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from matchmaker.dashboard.filters import Filters
from matchmaker.extensions import db
from matchmaker.models import Challenge, KeyProblemEntry, KeyProblemList, Organization


def entries_by_chain(filters: Filters) -> tuple[KeyProblemList | None, Counter]:
    kp_list = db.session.scalar(sa.select(KeyProblemList).where(KeyProblemList.year == filters.year))
    if kp_list is None:
        return None, Counter()
    query = (
        sa.select(Challenge.primary_chain_id, sa.func.count(KeyProblemEntry.id))
        .join(Challenge, Challenge.id == KeyProblemEntry.challenge_id)
        .join(Organization, Organization.id == Challenge.organization_id)
        .where(KeyProblemEntry.list_id == kp_list.id)
        .group_by(Challenge.primary_chain_id)
    )
    if filters.chain is not None:
        query = query.where(Challenge.primary_chain_id == filters.chain.id)
    if filters.city:
        query = query.where(Organization.city == filters.city)
    return kp_list, Counter(dict(db.session.execute(query).all()))
