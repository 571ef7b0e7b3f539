"""Reads of challenges: the public list (filters, search, sorting), an organisation's own list."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.listing import ListFilters
from matchmaker.matching.search import rank_ids
from matchmaker.models import Chain, Challenge, ChallengeStatus, Organization

# Statuses the public may browse: a withdrawn or draft challenge is not listed.
LISTED = (
    ChallengeStatus.PUBLISHED,
    ChallengeStatus.IN_REVIEW,
    ChallengeStatus.CONTRACTED,
    ChallengeStatus.CLOSED,
)
SORTS = ("relevance", "newest", "deadline", "budget")


def listed(filters: ListFilters) -> sa.Select:
    """Challenges in LISTED statuses (or the one status filtered, which the view has vetted)."""
    query = (
        sa.select(Challenge)
        .join(Challenge.organization)
        .where(Challenge.status == filters.status if filters.status else Challenge.status.in_(LISTED))
        .options(selectinload(Challenge.chains), selectinload(Challenge.organization))
    )
    return _sorted(_narrowed(query, filters), filters)


def of_organization(org_id: int, status: str = "") -> sa.Select:
    query = (
        sa.select(Challenge)
        .where(Challenge.organization_id == org_id)
        .options(selectinload(Challenge.chains), selectinload(Challenge.organization))
        .order_by(Challenge.updated_at.desc(), Challenge.id.desc())
    )
    return query.where(Challenge.status == status) if status else query


def count_listed() -> sa.Select:
    return sa.select(sa.func.count()).select_from(Challenge).where(Challenge.status.in_(LISTED))


def _narrowed(query: sa.Select, f: ListFilters) -> sa.Select:
    if f.chain:
        query = query.where(Challenge.chains.any(Chain.code == f.chain))
    if f.city:
        query = query.where(Organization.city == f.city)
    if f.org_kind:
        query = query.where(Organization.kind == f.org_kind)
    if f.mode:
        query = query.where(Challenge.mode == f.mode)
    # Budget ranges overlap the wanted range; a challenge without a budget (面议) is left out.
    if f.budget_min is not None:
        query = query.where(Challenge.budget_max >= f.budget_min)
    if f.budget_max is not None:
        query = query.where(sa.func.coalesce(Challenge.budget_min, Challenge.budget_max) <= f.budget_max)
    return query


def _sorted(query: sa.Select, f: ListFilters) -> sa.Select:
    if f.q:
        ids = rank_ids("challenge", f.q)
        if not ids:
            return query.where(sa.false())
        query = query.where(Challenge.id.in_(ids))
        if f.sort in ("", "relevance"):
            return query.order_by(sa.case({post_id: rank for rank, post_id in enumerate(ids)}, value=Challenge.id))
    if f.sort == "deadline":  # soonest still open first; past and open-ended ones last
        closed = sa.or_(Challenge.deadline.is_(None), Challenge.deadline < date.today())
        return query.order_by(closed, Challenge.deadline, Challenge.id.desc())
    if f.sort == "budget":
        return query.order_by(Challenge.budget_max.is_(None), Challenge.budget_max.desc(), Challenge.id.desc())
    return query.order_by(Challenge.published_at.desc(), Challenge.id.desc())
