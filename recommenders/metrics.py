"""Ranking metrics (graded nDCG with gain 2^g - 1, P@k, R@k, MRR), one query at a time."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain with log2(rank + 1) discount."""
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k with gain 2^grade - 1; the ideal ranking comes from the judgements."""
    gains = [2 ** grades.get(d, 0) - 1 for d in ranked[:k]]
    ideal = sorted((2**g - 1 for g in grades.values() if g > 0), reverse=True)[:k]
    best = dcg(ideal)
    return dcg(gains) / best if best > 0 else 0.0


def precision_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Share of the top k that is relevant (grade > 0); missing ranks count as misses."""
    return sum(1 for d in ranked[:k] if grades.get(d, 0) > 0) / k


def recall_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Share of the relevant documents found in the top k."""
    relevant = sum(1 for g in grades.values() if g > 0)
    if relevant == 0:
        return 0.0
    return sum(1 for d in ranked[:k] if grades.get(d, 0) > 0) / relevant


def reciprocal_rank(ranked: Sequence[str], grades: Mapping[str, int]) -> float:
    """1 / rank of the first relevant document, 0 when none is ranked."""
    for i, d in enumerate(ranked):
        if grades.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def summarize(runs: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]]) -> dict[str, float]:
    """Mean nDCG@10, P@5, P@10, R@10 and MRR over the judged queries (unranked ones score 0)."""
    names = ("nDCG@10", "P@5", "P@10", "R@10", "MRR")
    totals = dict.fromkeys(names, 0.0)
    queries = [q for q, g in qrels.items() if any(v > 0 for v in g.values())]
    for q in queries:
        ranked = runs.get(q, [])
        grades = qrels[q]
        totals["nDCG@10"] += ndcg_at_k(ranked, grades, 10)
        totals["P@5"] += precision_at_k(ranked, grades, 5)
        totals["P@10"] += precision_at_k(ranked, grades, 10)
        totals["R@10"] += recall_at_k(ranked, grades, 10)
        totals["MRR"] += reciprocal_rank(ranked, grades)
    n = max(len(queries), 1)
    return {k: v / n for k, v in totals.items()}


def miss_ratio(ndcg: float, baseline_ndcg: float) -> float:
    """(1 - nDCG) / (1 - nDCG of the baseline): the share of the baseline's shortfall left."""
    if baseline_ndcg >= 1.0:
        return math.inf if ndcg < 1.0 else 0.0
    return (1.0 - ndcg) / (1.0 - baseline_ndcg)
