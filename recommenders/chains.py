"""Chain suggestion: nearest chain centroid in the index's TF-IDF space.

A chain's centroid is the mean unit vector of the indexed documents whose primary chain
it is, plus the chain's lexicon (name + keywords) as one more unit vector, so it works on
an empty index and sharpens as tagged posts accumulate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .weighting import vectorize

if TYPE_CHECKING:
    from .index import MatchIndex

LEXICON_WEIGHT = 1.0  # weight of the lexicon's unit vector against the documents' mean


def _unit_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return (sp.diags(1.0 / np.maximum(norms, 1e-12)) @ m).tocsr()


def _centroids(index: MatchIndex) -> tuple[list[str], sp.csr_matrix]:
    cached = index._cache.get("centroids")
    if cached is not None:
        return cached  # type: ignore[return-value]
    ncols = len(index.vocab)
    idf = sp.diags(index.idf().astype(np.float64))
    codes = list(dict.fromkeys([*index.lexicon, *index.chain_codes]))
    row_of = {c: i for i, c in enumerate(codes)}
    cent = sp.csr_matrix((len(codes), ncols))
    for name, s in index.sides.items():
        parts = [m for m in (s.base, s.pending_csr(ncols)) if m.shape[0]]
        if not parts:
            continue
        docs = sp.vstack(
            [sp.csr_matrix((m.data, m.indices, m.indptr), shape=(m.shape[0], ncols)) for m in parts],
            format="csr",
        ).astype(np.float64)
        docs = (docs @ idf).tocsr()
        # Same geometry as scoring: each block (words, bigrams) unit length times its share.
        blk = index.vocab.is_bigram[docs.indices].astype(np.int64)
        rows = np.repeat(np.arange(docs.shape[0]), np.diff(docs.indptr))
        docs.data = docs.data * index._shares()[blk] / index._norms(name)[rows, blk]
        label = np.array(
            [row_of[index.chain_codes[p]] if p >= 0 else -1 for p in s.primary.tolist()],
            dtype=np.int64,
        )
        keep = (label >= 0) & s.alive
        assign = sp.csr_matrix(
            (np.ones(int(keep.sum())), (label[keep], np.flatnonzero(keep))),
            shape=(len(codes), docs.shape[0]),
        )
        cent = cent + assign @ docs
    cent = _unit_rows(sp.csr_matrix(cent))
    known = [[t for t in index.lexicon.get(c, []) if t in index.vocab.index] for c in codes]
    lex = vectorize(known, index.vocab, index.settings)
    lex = sp.csr_matrix((lex.data, lex.indices, lex.indptr), shape=(len(codes), ncols))
    lex = _unit_rows(lex.astype(np.float64) @ idf)
    cent = _unit_rows((cent + LEXICON_WEIGHT * lex).tocsr())
    index._cache["centroids"] = (codes, cent)
    return codes, cent


def suggest(index: MatchIndex, text: str, k: int = 3) -> list[tuple[str, float]]:
    """Top-k (chain code, cosine) for a free text."""
    codes, cent = _centroids(index)
    if not codes or k <= 0:
        return []
    cols, tf = index.query_vector(index.tokenizer.tokenize(text))
    if not len(cols):
        return []
    q = tf.astype(np.float64) * index.idf()[cols]
    qv = np.zeros(cent.shape[1])
    qv[cols] = q / (np.sqrt((q * q).sum()) or 1.0)
    sims = cent @ qv
    order = np.argsort(-sims, kind="stable")[:k]
    return [(codes[i], round(float(sims[i]), 6)) for i in order if sims[i] > 0]
