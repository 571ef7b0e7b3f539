"""Reads of the yearly key-problem list: progress against the target, the public view grouped
by chain, and the pool of published challenges organisers pick from."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.models import Chain, Challenge, ChallengeStatus, KeyProblemEntry, KeyProblemList, Setting
from matchmaker.timezones import local_today

TARGET_SETTING = "key_problems.target"
DEFAULT_TARGET = 100
# Challenges the public may see: an entry whose challenge was withdrawn later is not shown.
SHOWN = (ChallengeStatus.PUBLISHED, ChallengeStatus.IN_REVIEW, ChallengeStatus.CONTRACTED, ChallengeStatus.CLOSED)
# Challenges organisers may add: still open for solutions.
POOL = (ChallengeStatus.PUBLISHED,)


@dataclass
class ChainGroup:
    chain: Chain
    entries: list[KeyProblemEntry]


def this_year() -> int:
    return local_today().year


def default_target() -> int:
    value = db.session.scalar(sa.select(Setting.value).where(Setting.key == TARGET_SETTING))
    return value if isinstance(value, int) and value > 0 else DEFAULT_TARGET


def by_year(year: int) -> KeyProblemList | None:
    return db.session.scalar(sa.select(KeyProblemList).where(KeyProblemList.year == year))


def all_lists() -> list[KeyProblemList]:
    return list(db.session.scalars(sa.select(KeyProblemList).order_by(KeyProblemList.year.desc())))


def latest_published() -> KeyProblemList | None:
    return db.session.scalar(
        sa.select(KeyProblemList)
        .where(KeyProblemList.published_at.is_not(None))
        .order_by(KeyProblemList.year.desc())
        .limit(1)
    )


def published_years() -> list[int]:
    return list(
        db.session.scalars(
            sa.select(KeyProblemList.year)
            .where(KeyProblemList.published_at.is_not(None))
            .order_by(KeyProblemList.year.desc())
        )
    )


def entry_count(list_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(KeyProblemEntry.list_id == list_id)) or 0


def progress(year: int) -> dict:
    """For the organiser's home page: how far the year's list is against its target."""
    kp_list = by_year(year)
    if kp_list is None:
        return {"year": year, "count": 0, "target": default_target(), "published": False}
    return {
        "year": year,
        "count": entry_count(kp_list.id),
        "target": kp_list.target,
        "published": kp_list.published_at is not None,
    }


def grouped(kp_list: KeyProblemList, public: bool) -> list[ChainGroup]:
    """Entries ordered by chain (the chain's sort order) then position, grouped by chain."""
    query = (
        sa.select(KeyProblemEntry)
        .join(KeyProblemEntry.challenge)
        .join(Chain, Chain.id == Challenge.primary_chain_id)
        .where(KeyProblemEntry.list_id == kp_list.id)
        .options(
            selectinload(KeyProblemEntry.challenge).selectinload(Challenge.organization),
            selectinload(KeyProblemEntry.challenge).selectinload(Challenge.primary_chain),
        )
        .order_by(Chain.sort_order, Chain.id, KeyProblemEntry.position, KeyProblemEntry.id)
    )
    if public:
        query = query.where(Challenge.status.in_(SHOWN))
    entries = db.session.scalars(query)
    return [
        ChainGroup(chain=chain, entries=list(group))
        for chain, group in groupby(entries, key=lambda e: e.challenge.primary_chain)
    ]


def pool(kp_list: KeyProblemList, chain_code: str = "", text: str = "") -> sa.Select:
    """Published challenges not yet on the list, newest first, optionally by chain or title."""
    chosen = sa.select(KeyProblemEntry.challenge_id).where(KeyProblemEntry.list_id == kp_list.id)
    query = (
        sa.select(Challenge)
        .where(Challenge.status.in_(POOL), Challenge.id.not_in(chosen))
        .options(selectinload(Challenge.organization), selectinload(Challenge.primary_chain))
        .order_by(Challenge.published_at.desc(), Challenge.id.desc())
    )
    if chain_code:
        query = query.where(Challenge.chains.any(Chain.code == chain_code))
    if text:
        query = query.where(Challenge.title.contains(text[:60], autoescape=True))
    return query


def entries_of_challenge(challenge_id: int) -> list[KeyProblemEntry]:
    return list(
        db.session.scalars(
            sa.select(KeyProblemEntry)
            .join(KeyProblemEntry.list)
            .where(KeyProblemEntry.challenge_id == challenge_id)
            .order_by(KeyProblemList.year.desc())
        )
    )


def entries_of_organization(org_id: int) -> list[KeyProblemEntry]:
    return list(
        db.session.scalars(
            sa.select(KeyProblemEntry)
            .join(KeyProblemEntry.list)
            .join(KeyProblemEntry.challenge)
            .where(Challenge.organization_id == org_id)
            .options(selectinload(KeyProblemEntry.challenge), selectinload(KeyProblemEntry.list))
            .order_by(KeyProblemList.year.desc(), KeyProblemEntry.position)
        )
    )
