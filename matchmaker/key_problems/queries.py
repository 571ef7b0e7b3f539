"""Reads of the yearly key-problem list: the shared yearly-list reads (matchmaker/yearly_lists)
for this kind, and where a challenge or a firm's challenges were selected."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.key_problems.kind import KEY_PROBLEMS
from matchmaker.models import Challenge, KeyProblemEntry, KeyProblemList
from matchmaker.yearly_lists import queries as shared
from matchmaker.yearly_lists.queries import DEFAULT_TARGET, ChainGroup, this_year

__all__ = ["DEFAULT_TARGET", "POOL", "SHOWN", "ChainGroup", "this_year"]

TARGET_SETTING = KEY_PROBLEMS.target_setting
SHOWN = KEY_PROBLEMS.shown
POOL = KEY_PROBLEMS.pool


def default_target() -> int:
    return shared.default_target(KEY_PROBLEMS)


def by_year(year: int) -> KeyProblemList | None:
    return shared.by_year(KEY_PROBLEMS, year)


def all_lists() -> list[KeyProblemList]:
    return shared.all_lists(KEY_PROBLEMS)


def latest_published() -> KeyProblemList | None:
    return shared.latest_published(KEY_PROBLEMS)


def published_years() -> list[int]:
    return shared.published_years(KEY_PROBLEMS)


def entry_count(list_id: int) -> int:
    return shared.entry_count(KEY_PROBLEMS, list_id)


def progress(year: int) -> dict:
    return shared.progress(KEY_PROBLEMS, year)


def grouped(kp_list: KeyProblemList, public: bool) -> list[ChainGroup]:
    return shared.grouped(KEY_PROBLEMS, kp_list, public)


def pool(kp_list: KeyProblemList, chain_code: str = "", text: str = "") -> sa.Select:
    return shared.pool(KEY_PROBLEMS, kp_list, chain_code, text)


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
