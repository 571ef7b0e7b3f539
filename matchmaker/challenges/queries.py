"""Reads of challenges: the public list (filters, search, sorting) and how many it holds."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from matchmaker.listing import ListFilters
from matchmaker.matching.search import rank_ids
from matchmaker.models import Challenge, ChallengeMode, ChallengeStatus
from matchmaker.posts import queries as post_queries
from matchmaker.posts.queries import Ranker
from matchmaker.timezones import local_today

# Statuses the public may browse: a withdrawn or draft challenge is not listed.
LISTED = (
    ChallengeStatus.PUBLISHED,
    ChallengeStatus.IN_REVIEW,
    ChallengeStatus.CONTRACTED,
    ChallengeStatus.CLOSED,
)
SORTS = ("relevance", "newest", "deadline", "budget")


def request_filters(statuses: Iterable[ChallengeStatus]) -> ListFilters:
    """The list's filters as the request gives them (?status=&chain=&mode=&sort=…); `statuses`
    are the ones the user may filter by."""
    return ListFilters.from_request(
        statuses=[s.value for s in statuses], modes=[m.value for m in ChallengeMode], sorts=SORTS
    )


def listed(filters: ListFilters, rank: Ranker | None = None) -> sa.Select:
    """Challenges in LISTED statuses (or the one status filtered, which the view has vetted)."""
    query = post_queries.listed(Challenge, LISTED, filters)
    if filters.mode:
        query = query.where(Challenge.mode == filters.mode)
    # Budget ranges overlap the wanted range; a challenge without a budget (面议) is left out.
    if filters.budget_min is not None:
        query = query.where(Challenge.budget_max >= filters.budget_min)
    if filters.budget_max is not None:
        query = query.where(sa.func.coalesce(Challenge.budget_min, Challenge.budget_max) <= filters.budget_max)
    return post_queries.sorted_by(query, Challenge, filters, rank or rank_ids, _orders())


def count_listed() -> sa.Select:
    return post_queries.count(Challenge, LISTED)


def _orders() -> dict[str, tuple]:
    # By deadline: the soonest still open first; past and open-ended ones last.
    closed = sa.or_(Challenge.deadline.is_(None), Challenge.deadline < local_today())
    return {
        "deadline": (closed, Challenge.deadline, Challenge.id.desc()),
        "budget": (Challenge.budget_max.is_(None), Challenge.budget_max.desc(), Challenge.id.desc()),
    }
