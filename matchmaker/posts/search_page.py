"""What a public list shows around a keyword search: the query's words to mark in the cards,
and, when nothing fits the query and the filters, the nearest posts (partial matches)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination

from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.matching import search
from matchmaker.posts.queries import Ranker

NEAREST = 5


def around(
    listed: Callable[[ListFilters, Ranker], sa.Select], filters: ListFilters, page: Pagination
) -> dict[str, Any]:
    """`marks` (words to highlight) and `nearest` (posts containing the most of the query's words,
    under the same filters, when the page found none; shown labelled as partial matches)."""
    if not filters.q:
        return {"marks": [], "nearest": []}
    nearest: list[Any] = []
    if not page.total:
        # Relevance order whatever the sort asked: these are ranked by how many words they hold.
        query = listed(replace(filters, sort=""), search.partial_ids).limit(NEAREST)
        nearest = list(db.session.scalars(query))
    return {"marks": search.marks(filters.q), "nearest": nearest}
