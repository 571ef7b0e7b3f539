"""Reads every yearly list shares: a year's list, the published years, progress against the
target, entries grouped by chain, and the pool of posts organisers pick from."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.models import Chain, Setting
from matchmaker.timezones import local_today
from matchmaker.yearly_lists.kind import YearlyKind

DEFAULT_TARGET = 100


@dataclass
class ChainGroup:
    chain: Chain
    entries: list[Any]


def this_year() -> int:
    return local_today().year


def default_target(kind: YearlyKind) -> int:
    value = db.session.scalar(sa.select(Setting.value).where(Setting.key == kind.target_setting))
    return value if isinstance(value, int) and value > 0 else DEFAULT_TARGET


def by_year(kind: YearlyKind, year: int) -> Any:
    return db.session.scalar(sa.select(kind.list_model).where(kind.list_model.year == year))


def all_lists(kind: YearlyKind) -> list[Any]:
    return list(db.session.scalars(sa.select(kind.list_model).order_by(kind.list_model.year.desc())))


def latest_published(kind: YearlyKind) -> Any:
    model = kind.list_model
    return db.session.scalar(
        sa.select(model).where(model.published_at.is_not(None)).order_by(model.year.desc()).limit(1)
    )


def published_years(kind: YearlyKind) -> list[int]:
    model = kind.list_model
    return list(
        db.session.scalars(sa.select(model.year).where(model.published_at.is_not(None)).order_by(model.year.desc()))
    )


def entry_count(kind: YearlyKind, list_id: int) -> int:
    entry = kind.entry_model
    query = sa.select(sa.func.count()).select_from(entry).where(entry.list_id == list_id, *kind.listed())
    return db.session.scalar(query) or 0


def progress(kind: YearlyKind, year: int) -> dict:
    """For the organiser's home page: how far the year's list is against its target."""
    the_list = by_year(kind, year)
    if the_list is None:
        return {"year": year, "count": 0, "target": default_target(kind), "published": False}
    return {
        "year": year,
        "count": entry_count(kind, the_list.id),
        "target": the_list.target,
        "published": the_list.published_at is not None,
    }


def grouped(kind: YearlyKind, the_list: Any, public: bool) -> list[ChainGroup]:
    """Listed entries ordered by chain (the chain's sort order) then position, grouped by chain."""
    entry, item = kind.entry_model, kind.item_model
    query = (
        sa.select(entry)
        .join(kind.item_rel)
        .join(Chain, Chain.id == item.primary_chain_id)
        .where(entry.list_id == the_list.id, *kind.listed())
        .options(
            selectinload(kind.item_rel).selectinload(item.organization),
            selectinload(kind.item_rel).selectinload(item.primary_chain),
        )
        .order_by(Chain.sort_order, Chain.id, entry.position, entry.id)
    )
    if public:
        query = query.where(item.status.in_(kind.shown))
    entries = db.session.scalars(query)
    return [
        ChainGroup(chain=chain, entries=list(group))
        for chain, group in groupby(entries, key=lambda e: e.item.primary_chain)
    ]


def pool(kind: YearlyKind, the_list: Any, chain_code: str = "", text: str = "") -> sa.Select:
    """Posts organisers may add that are not yet on the list, newest first, optionally by chain or title."""
    item = kind.item_model
    chosen = sa.select(kind.item_id).where(kind.entry_model.list_id == the_list.id)
    query = (
        sa.select(item)
        .where(item.status.in_(kind.pool), item.id.not_in(chosen))
        .options(selectinload(item.organization), selectinload(item.primary_chain))
        .order_by(item.published_at.desc(), item.id.desc())
    )
    if chain_code:
        query = query.where(item.chains.any(Chain.code == chain_code))
    if text:
        query = query.where(item.title.contains(text[:60], autoescape=True))
    return query
