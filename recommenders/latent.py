"""A latent-semantic (LSA) view of the TF-IDF blocks, used to rerank the lexical top results.

Two texts about the same topic often share few exact terms (CSL abstracts sharing a
keyword, a team's capability worded differently from a firm's problem). A rank-k SVD of
the unit TF-IDF rows of each block (words, bigrams) gives every term a k-dimensional
loading; a document's latent vector is its unit block vector projected on that basis.
The pair's latent score is the dot product of the two projections (the cosine kept within
the top-k subspace, not renormalised: a document the subspace represents poorly gets
little credit), each block weighted by its share as in the lexical score.

The model is fitted once (at a full build, on a sample of rows) and then frozen: it keeps
the IDF it was fitted with, so projecting a document depends only on its own terms and
the model. An incremental add therefore equals a rebuild that reuses the same model.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.utils.extmath import randomized_svd

from .weighting import Vocabulary

_CHUNK = 8192  # rows projected at a time


@dataclass
class LatentModel:
    """Per-term loadings of each block's rank-k basis, plus the IDF they were fitted with."""

    terms: list[str]  # the fitted terms: words first, then bigrams
    n_words: int  # terms[:n_words] are words, the rest bigrams
    idf: np.ndarray  # (len(terms),) IDF at fit time
    unseen_idf: float  # IDF of a term the fit never saw (document frequency 0)
    basis: np.ndarray  # (len(terms), k) float32 loadings; a block's columns beyond its rank are 0
    shares: tuple[float, float]  # (words, bigrams) weights of the two blocks' dot products
    _row: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)
    _at: tuple[Vocabulary, np.ndarray] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def rank(self) -> int:
        return int(self.basis.shape[1])

    @property
    def stamp(self) -> str:
        """Content hash: two indexes with the same documents but different fits differ."""
        h = hashlib.blake2b(digest_size=8)
        h.update(np.ascontiguousarray(self.basis).tobytes())
        h.update("\x1f".join(self.terms).encode())
        return h.hexdigest()

    # ------------------------------------------------------------------ fitting
    @classmethod
    def fit(
        cls,
        m: sp.csr_matrix,
        vocab: Vocabulary,
        idf: np.ndarray,
        unseen_idf: float,
        shares: tuple[float, float],
        rank: int,
        seed: int = 0,
    ) -> LatentModel | None:
        """Fit on the tf rows `m` (the index's sample) weighted with the index's current `idf`
        (`unseen_idf`: what a term no document holds would weigh, for terms new to the model).

        Returns None when there are too few rows for a basis (fewer than 3).
        """
        if m.shape[0] < 3 or rank < 1:
            return None
        ncols = m.shape[1]
        idf = idf[:ncols].astype(np.float64)
        is_bg = vocab.is_bigram[:ncols]
        w, _, _ = _unit_weights(m, idf, is_bg)
        units = sp.csr_matrix((w, m.indices, m.indptr), shape=m.shape)
        used = np.zeros(ncols, dtype=bool)
        used[m.indices] = True
        loadings = []
        cols_of_block = []
        terms = np.array(vocab.terms[:ncols], dtype=object)
        for block in (False, True):
            cols = np.flatnonzero(used & (is_bg == block))
            cols = cols[np.argsort(terms[cols], kind="stable")]  # term order: column order is history
            x = units[:, cols]
            k = min(rank, min(x.shape) - 1)
            vt = np.zeros((rank, len(cols)), dtype=np.float32)
            if k >= 1:
                _, _, v = randomized_svd(x, k, n_iter=5, random_state=seed)
                vt[:k] = v
            loadings.append(vt.T)
            cols_of_block.append(cols)
        cols = np.concatenate(cols_of_block)
        return cls(
            terms=[vocab.terms[c] for c in cols.tolist()],
            n_words=len(cols_of_block[0]),
            idf=idf[cols].astype(np.float32),
            unseen_idf=unseen_idf,
            basis=np.ascontiguousarray(np.vstack(loadings), dtype=np.float32),
            shares=shares,
        )

    # ------------------------------------------------------------------ projecting
    def project(self, tf_rows: sp.csr_matrix, vocab: Vocabulary) -> np.ndarray:
        """(rows, 2k) float16: each row's word projection then its bigram projection, the
        halves scaled by the square roots of the block shares (so one dot product scores).

        Works through the rows in chunks, so projecting 100k rows needs little more memory
        than its result.
        """
        ncols = tf_rows.shape[1]
        at = self._columns(vocab, ncols)
        idf = np.where(at >= 0, self.idf[np.maximum(at, 0)], self.unseen_idf).astype(np.float32)
        is_bg = vocab.is_bigram[:ncols].astype(np.int64)
        out = np.empty((tf_rows.shape[0], 2 * self.rank), dtype=np.float16)
        for start in range(0, tf_rows.shape[0], _CHUNK):
            out[start : start + _CHUNK] = self._project_chunk(tf_rows[start : start + _CHUNK], at, idf, is_bg)
        return out

    def _project_chunk(self, m: sp.csr_matrix, at: np.ndarray, idf: np.ndarray, is_bg: np.ndarray) -> np.ndarray:
        n, k = m.shape[0], self.rank
        w, blk, row = _unit_weights(m, idf, is_bg)
        w *= np.sqrt(np.array(self.shares, dtype=np.float32))[blk]
        target = at[m.indices]
        z = np.empty((n, 2 * k), dtype=np.float32)
        for b, (lo, hi) in enumerate(((0, self.n_words), (self.n_words, len(self.terms)))):
            sel = (target >= 0) & (blk == b)
            x = sp.csr_matrix((w[sel], (row[sel], target[sel] - lo)), shape=(n, hi - lo))
            z[:, b * k : (b + 1) * k] = x @ self.basis[lo:hi]
        return z

    def _columns(self, vocab: Vocabulary, ncols: int) -> np.ndarray:
        """Model row of each vocabulary column (-1: not fitted); cached per vocabulary, which
        only grows (a model may serve several indexes, each with its own column order)."""
        if self._at is None or self._at[0] is not vocab:
            self._at = (vocab, np.zeros(0, dtype=np.int64))
        at = self._at[1]
        if len(at) < ncols:
            if self._row is None:
                self._row = {t: i for i, t in enumerate(self.terms)}
            new = vocab.terms[len(at) :]
            at = np.concatenate([at, np.fromiter((self._row.get(t, -1) for t in new), np.int64, len(new))])
            self._at = (vocab, at)
        return at[:ncols]


def _unit_weights(m: sp.csr_matrix, idf: np.ndarray, is_bg: np.ndarray) -> tuple[np.ndarray, ...]:
    """(weights, block, row) of each stored entry of `m`: tf x idf, each row's word block and
    bigram block scaled to unit length; computed in idf's precision."""
    w = m.data.astype(idf.dtype) * idf[m.indices]
    blk = is_bg[m.indices].astype(np.int64)
    row = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    slot = row * 2 + blk
    norms = np.sqrt(np.bincount(slot, weights=w * w, minlength=2 * m.shape[0])).astype(idf.dtype)
    norms[norms == 0] = 1.0
    return w / norms[slot], blk, row
