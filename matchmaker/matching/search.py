"""Keyword search for the lists: ranked ids of one side for a free-text query.

Uses the recommender index, so the query is segmented by jieba with the chain lexicons and
synonyms ("锂电池回收" finds posts about 锂离子电池回收) and ranked by TF-IDF like matching.
"""

from __future__ import annotations

from typing import Literal

from matchmaker.matching import index_store

Side = Literal["challenge", "capability"]


def rank_ids(side: Side, text: str, limit: int = 500) -> list[int]:
    """Ids only: the list shows its own cards, so no explanation is computed."""
    text = text.strip()[:200]
    if not text:
        return []
    with index_store.using() as index:
        return [int(r.id) for r in index.search(text, side, k=limit, explain=False)]
