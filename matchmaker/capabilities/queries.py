"""Reads of capabilities: the public list (filters, search, sorting) and how many it holds."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from matchmaker.listing import ListFilters
from matchmaker.matching.search import rank_ids
from matchmaker.models import Capability, CapabilityStatus
from matchmaker.posts import queries as post_queries
from matchmaker.posts.queries import Ranker

# Statuses the public may browse: drafts and withdrawn capabilities are not listed.
LISTED = (CapabilityStatus.PUBLISHED,)
SORTS = ("relevance", "newest", "trl")


def request_filters(statuses: Iterable[CapabilityStatus]) -> ListFilters:
    """The list's filters as the request gives them (?status=&chain=&trl_min=&sort=…); `statuses`
    are the ones the user may filter by."""
    return ListFilters.from_request(statuses=[s.value for s in statuses], sorts=SORTS)


def listed(filters: ListFilters, rank: Ranker | None = None) -> sa.Select:
    """Published capabilities (or the one status filtered, which the view has vetted)."""
    query = post_queries.listed(Capability, LISTED, filters)
    if filters.trl_min is not None:
        query = query.where(Capability.trl >= filters.trl_min)
    if filters.trl_max is not None:
        query = query.where(Capability.trl <= filters.trl_max)
    orders = {"trl": (Capability.trl.desc(), Capability.published_at.desc(), Capability.id.desc())}
    return post_queries.sorted_by(query, Capability, filters, rank or rank_ids, orders)


def count_listed() -> sa.Select:
    return post_queries.count(Capability, LISTED)
