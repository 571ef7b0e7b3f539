from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.models import Capability, CapabilityStatus, Chain, Organization


def listed(chain_code: str = "", city: str = "") -> sa.Select:
    query = (
        sa.select(Capability)
        .join(Capability.organization)
        .where(Capability.status == CapabilityStatus.PUBLISHED)
        .options(selectinload(Capability.chains), selectinload(Capability.organization))
        .order_by(Capability.published_at.desc(), Capability.id.desc())
    )
    if chain_code:
        query = query.where(Capability.chains.any(Chain.code == chain_code))
    if city:
        query = query.where(Organization.city == city)
    return query


def of_organization(org_id: int) -> sa.Select:
    return (
        sa.select(Capability)
        .where(Capability.organization_id == org_id)
        .options(selectinload(Capability.chains))
        .order_by(Capability.updated_at.desc())
    )


def count_listed() -> sa.Select:
    return sa.select(sa.func.count()).select_from(Capability).where(Capability.status == CapabilityStatus.PUBLISHED)
