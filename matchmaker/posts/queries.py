"""Reads both kinds of post share: a public list (statuses, the filters every list has, search and
sorting) and an organisation's own posts. Each kind adds its own filters and sorts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.models import Capability, Chain, Challenge, Organization

Model = type[Challenge] | type[Capability]
# (side, query) -> ids best first: the search's hits, or its partial matches for suggestions.
Ranker = Callable[[str, str], list[int]]


def listed(model: Model, statuses: Iterable[Any], f: ListFilters) -> sa.Select:
    """Posts in `statuses` (or in the one status filtered, which the view has vetted), narrowed by
    chain, city and kind of organisation, with what their cards show loaded."""
    query = (
        sa.select(model)
        .where(model.status == f.status if f.status else model.status.in_(statuses))
        .options(selectinload(model.chains), selectinload(model.organization))
    )
    if f.chain:
        query = query.where(model.chains.any(Chain.code == f.chain))
    if f.city or f.org_kind:  # joined only when filtered by: the sort and the count need no join
        query = query.join(model.organization)
    if f.city:
        query = query.where(Organization.city == f.city)
    if f.org_kind:
        query = query.where(Organization.kind == f.org_kind)
    return query


def sorted_by(
    query: sa.Select,
    model: Model,
    f: ListFilters,
    rank_ids: Ranker,
    orders: Mapping[str, Sequence[Any]],
) -> sa.Select:
    """A search keeps the posts the index ranks for it, best first unless another sort is chosen.
    `orders` are the kind's own sorts; otherwise the newest published come first."""
    if f.q:
        ids = rank_ids(model.__name__.lower(), f.q)
        if not ids:
            return query.where(sa.false())
        query = query.where(model.id.in_(ids))
        if f.sort in ("", "relevance"):
            return query.order_by(_rank_of(model.id, ids), model.id)
    return query.order_by(*orders.get(f.sort, (model.published_at.desc(), model.id.desc())))


def _rank_of(column: sa.ColumnElement, ids: list[int]) -> sa.ColumnElement:
    """Position of `column` in `ids` as one bound parameter, so that the statement compiles once
    and is cached (a CASE with a branch per id costs more to build than the query to run)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return sa.func.array_position(sa.bindparam("ranked_ids", ids, type_=postgresql.ARRAY(sa.Integer)), column)
    # Elsewhere (SQLite): where ",id," starts in ",3,1,2," grows with the rank.
    listed = "," + ",".join(map(str, ids)) + ","
    return sa.func.instr(sa.bindparam("ranked_ids", listed), "," + sa.cast(column, sa.String) + ",")


def of_organization(model: Model, org_id: int, status: str = "") -> sa.Select:
    query = (
        sa.select(model)
        .where(model.organization_id == org_id)
        .options(selectinload(model.chains), selectinload(model.organization))
        .order_by(model.updated_at.desc(), model.id.desc())
    )
    return query.where(model.status == status) if status else query


def count(model: Model, statuses: Iterable[Any]) -> sa.Select:
    """count(*) on status alone: PostgreSQL answers it from the (status, …) index, not the rows."""
    return sa.select(sa.func.count()).select_from(model).where(model.status.in_(statuses))
