"""Reads of capabilities: the public list (filters, search, sorting), an organisation's own list."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.listing import ListFilters
from matchmaker.matching.search import rank_ids
from matchmaker.models import Capability, CapabilityStatus, Chain, Organization

SORTS = ("relevance", "newest", "trl")


def listed(filters: ListFilters) -> sa.Select:
    """Published capabilities (or the one status filtered, which the view has vetted)."""
    status = filters.status or CapabilityStatus.PUBLISHED
    query = (
        sa.select(Capability)
        .join(Capability.organization)
        .where(Capability.status == status)
        .options(selectinload(Capability.chains), selectinload(Capability.organization))
    )
    return _sorted(_narrowed(query, filters), filters)


def of_organization(org_id: int, status: str = "") -> sa.Select:
    query = (
        sa.select(Capability)
        .where(Capability.organization_id == org_id)
        .options(selectinload(Capability.chains), selectinload(Capability.organization))
        .order_by(Capability.updated_at.desc(), Capability.id.desc())
    )
    return query.where(Capability.status == status) if status else query


def count_listed() -> sa.Select:
    return sa.select(sa.func.count()).select_from(Capability).where(Capability.status == CapabilityStatus.PUBLISHED)


def _narrowed(query: sa.Select, f: ListFilters) -> sa.Select:
    if f.chain:
        query = query.where(Capability.chains.any(Chain.code == f.chain))
    if f.city:
        query = query.where(Organization.city == f.city)
    if f.org_kind:
        query = query.where(Organization.kind == f.org_kind)
    if f.trl_min is not None:
        query = query.where(Capability.trl >= f.trl_min)
    if f.trl_max is not None:
        query = query.where(Capability.trl <= f.trl_max)
    return query


def _sorted(query: sa.Select, f: ListFilters) -> sa.Select:
    if f.q:
        ids = rank_ids("capability", f.q)
        if not ids:
            return query.where(sa.false())
        query = query.where(Capability.id.in_(ids))
        if f.sort in ("", "relevance"):
            return query.order_by(sa.case({post_id: rank for rank, post_id in enumerate(ids)}, value=Capability.id))
    if f.sort == "trl":
        return query.order_by(Capability.trl.desc(), Capability.published_at.desc(), Capability.id.desc())
    return query.order_by(Capability.published_at.desc(), Capability.id.desc())
