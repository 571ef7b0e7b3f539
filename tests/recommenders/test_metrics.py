from __future__ import annotations

import math

import pytest

from recommenders.metrics import (
    miss_ratio,
    ndcg_at_k,
    precision_at_k,
    recall_at_k,
    reciprocal_rank,
    summarize,
)

GRADES = {"a": 2, "b": 1, "c": 1}


def test_ndcg_hand_computed() -> None:
    ranked = ["x", "b", "a"]
    dcg = 0 / math.log2(2) + 1 / math.log2(3) + 3 / math.log2(4)
    idcg = 3 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at_k(ranked, GRADES, 10) == pytest.approx(dcg / idcg)
    assert ndcg_at_k(["a", "b", "c"], GRADES, 10) == pytest.approx(1.0)
    assert ndcg_at_k([], GRADES, 10) == 0.0
    assert ndcg_at_k(["a"], {}, 10) == 0.0


def test_ndcg_cutoff() -> None:
    assert ndcg_at_k(["x", "a"], GRADES, 1) == 0.0


def test_precision_recall_rr() -> None:
    ranked = ["x", "a", "y", "b", "z"]
    assert precision_at_k(ranked, GRADES, 5) == pytest.approx(2 / 5)
    assert precision_at_k(["a"], GRADES, 5) == pytest.approx(1 / 5)  # short list: misses
    assert recall_at_k(ranked, GRADES, 10) == pytest.approx(2 / 3)
    assert reciprocal_rank(ranked, GRADES) == pytest.approx(1 / 2)
    assert reciprocal_rank(["x"], GRADES) == 0.0


def test_summarize_and_miss_ratio() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 2}}
    runs = {"q1": ["a"], "q2": ["x", "b"]}
    m = summarize(runs, qrels)
    assert m["MRR"] == pytest.approx((1 + 0.5) / 2)
    assert m["nDCG@10"] == pytest.approx((1 + 1 / math.log2(3)) / 2)
    assert miss_ratio(0.95, 0.90) == pytest.approx(0.5)
