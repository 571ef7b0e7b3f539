"""Reference rankers of the bench protocol: BM25 (bm25s defaults) and plain TF-IDF.

Both use jieba's default dictionary over title + description + keywords with punctuation
tokens dropped and nothing else (no stop words, no normalisation), as the protocol says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .document import Document
from .tokenizer import _jieba_for

_CONTENT = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def baseline_tokens(text: str) -> list[str]:
    """jieba words of `text` (default dictionary), punctuation and whitespace dropped."""
    seg = _jieba_for(frozenset())
    return [w for w in seg.lcut(text) if _CONTENT.search(w)]


def doc_text(doc: Document) -> str:
    """Title, description and keywords joined as the protocol's baselines read them."""
    return "\n".join([doc.title, doc.description, " ".join(doc.keywords)])


def top_k(scores: np.ndarray, k: int, exclude: int | None = None) -> list[int]:
    """Indices of the k best positive scores, best first, ties by index."""
    if exclude is not None:
        scores = scores.copy()
        scores[exclude] = -np.inf
    nz = np.flatnonzero(scores > 0)
    if len(nz) > k:
        nz = nz[np.argpartition(-scores[nz], k - 1)[:k]]
    return nz[np.lexsort((nz, -scores[nz]))].tolist()


class BM25Baseline:
    """bm25s with default parameters over pre-tokenised documents."""

    def __init__(self, corpus_tokens: Sequence[list[str]]) -> None:
        import bm25s

        self.retriever = bm25s.BM25()
        self.retriever.index([list(t) for t in corpus_tokens], show_progress=False)

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        ids = self.retriever.get_tokens_ids(list(query_tokens))
        if not ids:
            return np.zeros(self.retriever.scores["num_docs"])
        return np.asarray(self.retriever.get_scores_from_ids(ids), dtype=np.float64)


class TfidfBaseline:
    """scikit-learn TfidfVectorizer (sublinear tf, defaults otherwise), cosine ranking."""

    def __init__(self, corpus_tokens: Sequence[list[str]]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vec = TfidfVectorizer(analyzer=lambda toks: toks, sublinear_tf=True, lowercase=False)
        self.matrix: sp.csr_matrix = self.vec.fit_transform([list(t) for t in corpus_tokens])

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        q = self.vec.transform([list(query_tokens)])
        return np.asarray((self.matrix @ q.T).todense()).ravel()
