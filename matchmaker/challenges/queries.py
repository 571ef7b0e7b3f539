from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.models import Chain, Challenge, ChallengeStatus, Organization

# Statuses the public may browse: a withdrawn or draft challenge is not listed.
LISTED = (
    ChallengeStatus.PUBLISHED,
    ChallengeStatus.IN_REVIEW,
    ChallengeStatus.CONTRACTED,
    ChallengeStatus.CLOSED,
)


def listed(chain_code: str = "", city: str = "") -> sa.Select:
    query = (
        sa.select(Challenge)
        .join(Challenge.organization)
        .where(Challenge.status.in_(LISTED))
        .options(selectinload(Challenge.chains), selectinload(Challenge.organization))
        .order_by(Challenge.published_at.desc(), Challenge.id.desc())
    )
    if chain_code:
        query = query.where(Challenge.chains.any(Chain.code == chain_code))
    if city:
        query = query.where(Organization.city == city)
    return query


def of_organization(org_id: int) -> sa.Select:
    return (
        sa.select(Challenge)
        .where(Challenge.organization_id == org_id)
        .options(selectinload(Challenge.chains))
        .order_by(Challenge.updated_at.desc())
    )


def count_listed() -> sa.Select:
    return sa.select(sa.func.count()).select_from(Challenge).where(Challenge.status.in_(LISTED))
