from __future__ import annotations

import sqlalchemy as sa

from matchmaker.models import Organization, User

# In the queue: not decided, and not waiting for the applicant's correction.
AWAITING_REVIEW = sa.and_(
    Organization.verified_at.is_(None), Organization.returned_at.is_(None), Organization.rejected_at.is_(None)
)


def pending_organizations() -> sa.Select:
    return sa.select(Organization).where(AWAITING_REVIEW).order_by(Organization.created_at)


def returned_count() -> sa.Select:
    """Applications returned for correction, waiting for the applicant."""
    return (
        sa.select(sa.func.count())
        .select_from(Organization)
        .where(
            Organization.verified_at.is_(None),
            Organization.returned_at.is_not(None),
            Organization.rejected_at.is_(None),
        )
    )


def users(search: str = "") -> sa.Select:
    query = sa.select(User).join(User.organization).order_by(Organization.name, User.name)
    if search:
        pattern = f"%{search}%"
        query = query.where(
            sa.or_(User.name.ilike(pattern), User.email.ilike(pattern), Organization.name.ilike(pattern))
        )
    return query


def pending_count() -> sa.Select:
    return sa.select(sa.func.count()).select_from(Organization).where(AWAITING_REVIEW)
