from __future__ import annotations

import numpy as np
import pytest

from recommenders import Settings
from recommenders.tokenizer import DESCRIPTION, KEYWORDS, TITLE
from recommenders.weighting import Vocabulary, idf_from_df, vectorize


def row_dict(m, vocab: Vocabulary, r: int) -> dict[str, float]:
    s, e = m.indptr[r], m.indptr[r + 1]
    return {vocab.terms[c]: float(v) for c, v in zip(m.indices[s:e], m.data[s:e], strict=True)}


def test_counts_and_field_weights() -> None:
    docs = [[TITLE, "轴承", KEYWORDS, "轴承", DESCRIPTION, "轴承", "磨损"], ["磨损", "磨损"], []]
    v = Vocabulary()
    plain = vectorize(docs, v, Settings(sublinear_tf=False))
    assert row_dict(plain, v, 0) == {"轴承": 3.0, "磨损": 1.0}
    assert row_dict(plain, v, 1) == {"磨损": 2.0}  # no marker: description
    assert row_dict(plain, v, 2) == {}
    weighted = vectorize(docs, v, Settings(sublinear_tf=False, title_weight=2, keyword_weight=3))
    assert row_dict(weighted, v, 0) == {"轴承": 6.0, "磨损": 1.0}
    sub = vectorize(docs, v, Settings())
    assert row_dict(sub, v, 1)["磨损"] == pytest.approx(1 + np.log(2))


def test_chunking_is_invisible() -> None:
    docs = [["a" + str(i % 7), "b" + str(i % 3), "a" + str(i % 7)] for i in range(50)]
    v1, v2 = Vocabulary(), Vocabulary()
    m1 = vectorize(docs, v1, Settings())
    m2 = vectorize(docs, v2, Settings(), chunk=4)
    assert v1.terms == v2.terms
    assert (m1 != m2).nnz == 0


def test_idf() -> None:
    idf = idf_from_df(np.array([0.0, 1.0, 9.0]), 9)
    assert idf[2] == pytest.approx(np.log1p(0.5 / 9.5))  # in every document: ~0, still > 0
    assert idf[0] > idf[1] > idf[2] > 0
    smooth = idf_from_df(np.array([0.0, 1.0, 9.0]), 9, "smooth")
    assert smooth[2] == pytest.approx(1.0)
    assert smooth[0] > smooth[1] > smooth[2]
