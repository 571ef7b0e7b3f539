"""Exact top-k scoring of one side from a precomputed impact matrix.

Score(q, d) = sum_t qv_t * W[d, t] with W = tf * idf * block share / block norm, built
once per change epoch (lazily, O(nnz)), so a query does no normalisation of its own.

Safe pruning (exact results). Columns present in more than `HEAVY_SHARE` of the rows
("heavy": 技术, 研究, their bigrams, ...) hold most postings but, having a low IDF, little
of any score. A query therefore
1. sums the postings of its light columns only (a small column-major matrix);
2. bounds what its heavy columns can add to each row by Cauchy-Schwarz, per block:
   ``q_heavy,b · d_heavy,b <= |q_heavy,b| * |d_heavy,b|`` (row norms precomputed);
3. rescores exactly (row-major dot products) the rows whose upper bound reaches the
   k-th best exact score among the best-bounded probe rows; no other row can enter the
   top k. When the query's heavy posting lists cost less than those rescores (short
   lists, or a loose bound on near-duplicate texts), it adds them to the light sums
   instead: every row exact, at a cost of the query's postings, never of every posting.
On the 100k synthetic corpus this touches ~0.15M postings per query instead of 1.7M.

Earlier alternatives, measured and removed: MaxScore over sorted posting lists (in numpy
it rescored ~13 % of rows and ran slower than a full pass) and approximate candidate
generation from the query's 32 strongest terms (matchdev nDCG@10 0.948 -> 0.943).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

try:  # scipy's C++ kernels, called directly to skip per-query matrix objects
    from scipy.sparse import _sparsetools as _st
except ImportError:  # pragma: no cover - public (slower) fallback below
    _st = None

HEAVY_SHARE = 0.05  # a column in more than this share of the rows is scored by bound
PRUNE_MIN_ROWS = 2048  # smaller sides: one pass over all postings is as cheap
PROBE = 64  # rows scored exactly first, to set the pruning threshold

F32 = np.float32


def _gather_matvec(
    m: sp.csr_matrix | sp.csc_matrix, major: np.ndarray, x: np.ndarray, n_out: int, transpose: bool
) -> np.ndarray:
    """Sum over the selected major slices of `m` (columns of a CSC or rows of a CSR).

    CSC, transpose=True: out[r] = sum_j x[j] * m[r, major[j]]  (out has n_out = rows);
    CSR, transpose=False: out[i] = sum_c m[major[i], c] * x[c]   (out has len(major)).
    """
    idx_dtype = m.indptr.dtype
    major = major.astype(idx_dtype, copy=False)
    indptr = m.indptr
    lens = indptr[major + 1] - indptr[major]
    sub_ptr = np.zeros(len(major) + 1, dtype=idx_dtype)
    np.cumsum(lens, out=sub_ptr[1:])
    x = np.ascontiguousarray(x, dtype=m.data.dtype)
    if _st is None:  # pragma: no cover
        if transpose:
            return np.asarray(m[:, major] @ x, dtype=F32)
        return np.asarray(m[major] @ x, dtype=F32)
    nnz = int(sub_ptr[-1])
    sub_idx = np.empty(nnz, dtype=idx_dtype)
    sub_val = np.empty(nnz, dtype=m.data.dtype)
    _st.csr_row_index(len(major), major, indptr, m.indices, m.data, sub_idx, sub_val)
    if transpose:
        out = np.zeros(n_out, dtype=m.data.dtype)
        _st.csc_matvec(n_out, len(major), sub_ptr, sub_idx, sub_val, x, out)
    else:
        out = np.zeros(len(major), dtype=m.data.dtype)
        _st.csr_matvec(len(major), len(x), sub_ptr, sub_idx, sub_val, x, out)
    return out


class Layout:
    """Structure of a base matrix that does not depend on the weights (cached per base).

    Which columns are heavy, each entry's row and block, and where each light entry goes
    in the column-major light matrix: so refreshing the weights after a change is a few
    elementwise passes over the entries, never a sort.
    """

    def __init__(self, csr: sp.csr_matrix, is_bigram: np.ndarray) -> None:
        n, ncols = csr.shape
        self.shape = csr.shape
        # Per entry: 2 * row + block, the flat index of its (row, block) norm.
        key = np.repeat(np.arange(0, 2 * n, 2, dtype=np.int32), np.diff(csr.indptr))
        key += is_bigram[:ncols].astype(np.int32)[csr.indices]
        self.key = key
        counts = np.bincount(csr.indices, minlength=ncols)[:ncols]
        if n >= PRUNE_MIN_ROWS:
            self.heavy = counts > HEAVY_SHARE * n
        else:
            self.heavy = np.zeros(ncols, dtype=bool)
        heavy_entry = self.heavy[csr.indices]
        self.any_heavy = bool(heavy_entry.any())
        pos_t = np.int32 if csr.nnz < 2**31 else np.int64  # entry positions
        if self.any_heavy:
            self.heavy_entries = np.flatnonzero(heavy_entry).astype(pos_t)
            self.heavy_key = key[self.heavy_entries]
            light = np.flatnonzero(~heavy_entry).astype(pos_t)
        else:
            self.heavy_entries = self.heavy_key = np.zeros(0, dtype=pos_t)
            light = np.arange(csr.nnz, dtype=pos_t)
        del heavy_entry
        self.light_perm, self.light_rows, self.light_indptr = _column_major(csr, key, light)
        self.heavy_perm, self.heavy_rows, self.heavy_indptr = _column_major(csr, key, self.heavy_entries)
        self.row_nnz = float(csr.nnz) / max(n, 1)  # mean postings per row: the cost of one exact row


def _column_major(csr: sp.csr_matrix, key: np.ndarray, entries: np.ndarray) -> tuple[np.ndarray, ...]:
    """(entry order, rows, indptr) of a column-major copy of the given entries (stable by column)."""
    ncols = csr.shape[1]
    cols = csr.indices[entries]
    perm = entries[np.argsort(cols, kind="stable")]
    rows = (key[perm] >> 1).astype(np.int32)
    indptr = np.zeros(ncols + 1, dtype=csr.indptr.dtype)
    np.cumsum(np.bincount(cols, minlength=ncols)[:ncols], out=indptr[1:])
    return perm, rows, indptr


class SideScorer:
    """Query-time view of one side's base rows under the current idf and norms."""

    def __init__(
        self,
        csr: sp.csr_matrix,
        layout: Layout,
        idf: np.ndarray,
        shares: np.ndarray,
        is_bigram: np.ndarray,
        norms: np.ndarray,
    ) -> None:
        n, ncols = csr.shape
        self.n_rows, self.n_cols = n, ncols
        self.is_bigram = is_bigram[:ncols].astype(bool)
        blk = self.is_bigram.astype(np.int8)
        col_factor = (idf[:ncols].astype(np.float64) * shares[blk]).astype(F32)
        inv_norms = (1.0 / norms[:n]).astype(F32)  # (rows, 2)
        impact = csr.data.astype(F32) * col_factor[csr.indices]
        impact *= inv_norms.ravel()[layout.key]
        # Row-major impact (shares indices/indptr with the tf matrix: no copy).
        self.rows = sp.csr_matrix((impact, csr.indices, csr.indptr), shape=csr.shape)
        self.heavy = layout.heavy
        if layout.any_heavy:
            sq = impact[layout.heavy_entries].astype(np.float64) ** 2
            hn = np.sqrt(np.bincount(layout.heavy_key, weights=sq, minlength=2 * n)).reshape(n, 2)
            self.heavy_norm: tuple[np.ndarray, np.ndarray] | None = (hn[:, 0].astype(F32), hn[:, 1].astype(F32))
        else:
            self.heavy_norm = None
        # Column-major impact: one posting list per term, light and heavy apart.
        self.cols = sp.csc_matrix((impact[layout.light_perm], layout.light_rows, layout.light_indptr), shape=csr.shape)
        self.heavy_cols = sp.csc_matrix(
            (impact[layout.heavy_perm], layout.heavy_rows, layout.heavy_indptr), shape=csr.shape
        )
        self.row_nnz = layout.row_nnz

    def exact_rows(self, rows: np.ndarray, cols: np.ndarray, qv: np.ndarray) -> np.ndarray:
        """Exact scores of the given rows (row-major dot products with the query)."""
        dense = np.zeros(self.n_cols, dtype=F32)
        dense[cols] = qv
        return _gather_matvec(self.rows, rows, dense, len(rows), transpose=False)

    def top(
        self,
        cols: np.ndarray,
        qv: np.ndarray,
        mult: np.ndarray | None,
        allowed: np.ndarray,
        k: int,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the best k allowed rows, best first, ties by row."""
        ok = cols < self.n_cols
        cols, qv = cols[ok], qv[ok].astype(F32)
        n = self.n_rows
        heavy = self.heavy[cols]
        light = _gather_matvec(self.cols, cols[~heavy], qv[~heavy], n, transpose=True)
        if self.heavy_norm is None or not heavy.any():
            return _best(light, mult, allowed, k)
        # Exact for every row: add the heavy columns' postings. Cheaper than the bound path when
        # the query's heavy posting lists are short against a probe's rows, or when the bound
        # leaves many rows to rescore (near-duplicate texts make it loose).
        hcols = cols[heavy]
        indptr = self.heavy_cols.indptr
        heavy_cost = float(np.sum(indptr[hcols + 1] - indptr[hcols]))
        m = min(max(PROBE, 2 * k), n)
        if heavy_cost <= m * self.row_nnz:
            return self._all_exact(light, hcols, qv[heavy], mult, allowed, k)
        hq = qv[heavy]
        hb = self.heavy_norm
        # |q_heavy| per block (words, bigrams).
        is_bg = self.is_bigram[hcols]
        a0 = float(np.sqrt(np.sum(hq[~is_bg].astype(np.float64) ** 2)))
        a1 = float(np.sqrt(np.sum(hq[is_bg].astype(np.float64) ** 2)))
        ub = light.copy()
        if a0:
            ub += a0 * hb[0]
        if a1:
            ub += a1 * hb[1]
        if mult is not None:
            ub *= mult
        ub *= allowed
        probe = np.argpartition(ub, n - m)[n - m :] if m < n else np.arange(n)
        probe = probe[ub[probe] > 0]
        if not len(probe):
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        ex = self.exact_rows(probe, cols, qv)
        if mult is not None:
            ex *= mult[probe]
        pos = ex[ex > 0]
        theta = float(np.partition(pos, len(pos) - k)[len(pos) - k]) if len(pos) >= k else 0.0
        cut = theta * (1.0 - 1e-5) if theta > 0 else float(np.finfo(F32).tiny)
        cand = np.flatnonzero(ub >= cut)
        if len(cand) * self.row_nnz > heavy_cost:
            return self._all_exact(light, hcols, hq, mult, allowed, k)
        scores = np.zeros(n, dtype=F32)
        if len(cand):
            ex = self.exact_rows(cand, cols, qv)
            if mult is not None:
                ex *= mult[cand]
            scores[cand] = ex
        return _best(scores, None, allowed, k)

    def _all_exact(
        self,
        light: np.ndarray,
        hcols: np.ndarray,
        hq: np.ndarray,
        mult: np.ndarray | None,
        allowed: np.ndarray,
        k: int,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Every row's exact score: the light sums plus the heavy columns' posting lists."""
        scores = light + _gather_matvec(self.heavy_cols, hcols, hq, self.n_rows, transpose=True)
        return _best(scores, mult, allowed, k)


def _best(scores: np.ndarray, mult: np.ndarray | None, allowed: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Best k positive allowed rows of a dense score vector, best first, ties by row."""
    if mult is not None:
        scores *= mult
    scores *= allowed
    rows = np.flatnonzero(scores > 0)
    if len(rows) > k:
        rows = rows[np.argpartition(-scores[rows], k - 1)[:k]]
    rows = rows[np.lexsort((rows, -scores[rows]))]
    return rows, scores[rows].astype(np.float64)
