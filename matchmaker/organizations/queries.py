from __future__ import annotations

import sqlalchemy as sa

from matchmaker.models import Organization, User


def pending_organizations() -> sa.Select:
    return sa.select(Organization).where(Organization.verified_at.is_(None)).order_by(Organization.created_at)


def users(search: str = "") -> sa.Select:
    query = sa.select(User).join(User.organization).order_by(Organization.name, User.name)
    if search:
        pattern = f"%{search}%"
        query = query.where(
            sa.or_(User.name.ilike(pattern), User.email.ilike(pattern), Organization.name.ilike(pattern))
        )
    return query


def pending_count() -> sa.Select:
    return sa.select(sa.func.count()).select_from(Organization).where(Organization.verified_at.is_(None))
