"""Keyword search for the lists: ranked ids of one side for a free-text query.

Uses the recommender index (recommenders/keyword_search.py): the query is segmented by jieba
with the chain lexicons and synonyms ("锂电池回收" finds posts about 锂离子电池回收), a post must
contain most of its words (all of up to three), and hits come best first. When none does, the
list offers the posts that contain the most words, labelled as partial matches.
"""

from __future__ import annotations

from typing import Literal

from matchmaker.matching import index_store
from recommenders import keyword_search as search

Side = Literal["challenge", "capability"]
QUERY_LENGTH = 200


def _ids(side: Side, text: str, limit: int, min_share: float) -> list[int]:
    text = text.strip()[:QUERY_LENGTH]
    if not text:
        return []
    with index_store.using() as index:
        return [int(h.id) for h in search.keyword_search(index, text, side, k=limit, min_share=min_share).hits]


def rank_ids(side: Side, text: str, limit: int = 500) -> list[int]:
    """Ids of the posts that fit the query, best first (the list shows its own cards)."""
    return _ids(side, text, limit, search.MIN_SHARE)


def partial_ids(side: Side, text: str, limit: int = 500) -> list[int]:
    """Ids of the posts containing at least one of the query's words, most words first: the
    nearest suggestions when nothing fits the list's query and filters (shown only then)."""
    return _ids(side, text, limit, 0.0)


def marks(text: str) -> list[str]:
    """The query's words (as typed, as indexed, their synonyms) to highlight in the results."""
    text = text.strip()[:QUERY_LENGTH]
    if not text:
        return []
    with index_store.using() as index:
        return search.marks(index, text)
