"""MatchIndex: a two-sided TF-IDF index ranking challenges against capabilities.

Score of a pair = cosine of the two TF-IDF vectors (words + character bigrams, field
weighted, sublinear tf, IDF over both sides together) times 1 + chain_bonus x (the number
of chains the two documents share). The bonus is multiplicative and small, so a strong
cross-chain match still outranks a weak same-chain one. The lexical top few are then
reranked with a latent-semantic term (latent.py), whose model is fitted at a full build.

Rows store term frequencies only; IDF and norms are derived lazily from document
frequencies, which makes `upsert`/`remove` O(document) and exactly equal to a full refit
(one that reuses the same latent model).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from .document import SIDES, Document, Ranked, check_side, other_side
from .explain import QueryExplainer
from .latent import LatentModel
from .scoring import Layout, SideScorer
from .tokenizer import Tokenizer
from .weighting import DTYPE, Settings, Vocabulary, idf_from_df, term_hash, vectorize

_MERGE_MIN = 512  # pending rows merged into the base matrices past this many ...
_MERGE_SHARE = 0.05  # ... or this share of the base, whichever is larger


def _doc_key(side: str, doc: Document) -> int:
    """Stable 64-bit hash of what identifies a document besides its terms."""
    return term_hash("\x00".join((side, doc.id, "\x1f".join(doc.chains))))


def _with_spare_rows(z: np.ndarray, rows: int, width: int) -> np.ndarray:
    """`z` copied into a float16 array of `width` columns with room for `rows` rows plus 5 %
    (at least 1,024), so that adds rarely copy it."""
    out = np.empty((rows + max(1024, rows // 20), width), dtype=np.float16)
    out[: len(z)] = z
    return out


class _Side:
    """Rows of one side: a base CSR/CSC pair plus a short list of pending rows."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.pos: dict[str, int] = {}
        self.alive = np.zeros(0, dtype=bool)
        self.chain_mask = np.zeros(0, dtype=np.uint64)
        self.primary = np.zeros(0, dtype=np.int16)
        self.hashes = np.zeros(0, dtype=np.uint64)
        self.base = sp.csr_matrix((0, 0), dtype=DTYPE)
        self.base_layout: Layout | None = None
        self.pending: list[tuple[np.ndarray, np.ndarray]] = []
        self._pending_csr: sp.csr_matrix | None = None
        # Latent vectors of the rows (LatentModel.project, float16), with spare rows at the end
        # so that adds do not copy the whole array each time.
        self._latent = np.zeros((0, 0), dtype=np.float16)

    def latent(self) -> np.ndarray:
        """(rows, 2k) latent vectors of every row (dead ones too)."""
        return self._latent[: self.n_rows]

    def set_latent(self, z: np.ndarray) -> None:
        self._latent = _with_spare_rows(z, len(z), z.shape[1])

    def append_latent(self, z: np.ndarray) -> None:
        """Vectors of the rows just appended (the last len(z) rows)."""
        end = self.n_rows
        if end > len(self._latent):
            self._latent = _with_spare_rows(self._latent[: end - len(z)], end, z.shape[1])
        self._latent[end - len(z) : end] = z

    @property
    def n_rows(self) -> int:
        return len(self.ids)

    @property
    def n_alive(self) -> int:
        return int(self.alive.sum())

    def row(self, r: int) -> tuple[np.ndarray, np.ndarray]:
        """(columns, tf values) of row r."""
        nb = self.base.shape[0]
        if r < nb:
            s, e = self.base.indptr[r], self.base.indptr[r + 1]
            return self.base.indices[s:e], self.base.data[s:e]
        return self.pending[r - nb]

    def pending_csr(self, ncols: int) -> sp.csr_matrix:
        if self._pending_csr is None or self._pending_csr.shape[1] != ncols:
            lens = [len(c) for c, _ in self.pending]
            indptr = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
            idx = np.concatenate([c for c, _ in self.pending]) if self.pending else np.zeros(0)
            val = np.concatenate([v for _, v in self.pending]) if self.pending else np.zeros(0)
            self._pending_csr = sp.csr_matrix(
                (val.astype(DTYPE), idx.astype(np.int32), indptr), shape=(len(lens), ncols)
            )
        return self._pending_csr

    def layout(self, is_bigram: np.ndarray) -> Layout:
        """Weight-independent structure of the base matrix (cached until the base changes)."""
        if self.base_layout is None:
            self.base_layout = Layout(self.base, is_bigram)
        return self.base_layout

    def merge_pending(self, ncols: int) -> None:
        """Fold pending rows into the base (amortised; keeps queries on the fast path)."""
        if not self.pending:
            return
        base = self.base
        if base.shape[1] != ncols:
            base = sp.csr_matrix((base.data, base.indices, base.indptr), shape=(base.shape[0], ncols))
        self.base = sp.vstack([base, self.pending_csr(ncols)], format="csr", dtype=DTYPE)
        self.pending = []
        self._pending_csr = None
        self.base_layout = None

    def append(self, doc_id: str, cols: np.ndarray, vals: np.ndarray, mask: int, primary: int, h: int) -> int:
        r = len(self.ids)
        self.ids.append(doc_id)
        self.pos[doc_id] = r
        self.alive = np.append(self.alive, True)
        self.chain_mask = np.append(self.chain_mask, np.uint64(mask))
        self.primary = np.append(self.primary, np.int16(primary))
        self.hashes = np.append(self.hashes, np.uint64(h))
        self.pending.append((cols.astype(np.int32), vals.astype(DTYPE)))
        self._pending_csr = None
        return r


class MatchIndex:
    """Two-sided index: sides "challenge" and "capability"; ranks one against the other."""

    FORMAT_VERSION = 2  # 2: latent model and vectors

    def __init__(self, tokenizer: Tokenizer, settings: Settings | None = None) -> None:
        self.tokenizer = tokenizer
        self.settings = settings or Settings()
        self.vocab = Vocabulary()
        self.df = np.zeros(0, dtype=np.float64)
        self.sides: dict[str, _Side] = {s: _Side() for s in SIDES}
        self.chain_codes: list[str] = []
        self.lexicon: dict[str, list[str]] = {
            c.code: tokenizer.tokenize(" ".join((c.name, *c.keywords))) for c in getattr(tokenizer, "chains", ())
        }
        # Lexicon terms get columns up front so chain suggestion works on an empty index.
        for toks in self.lexicon.values():
            self.vocab.add_all(toks)
        self.df = np.zeros(len(self.vocab), dtype=np.float64)
        self.latent: LatentModel | None = None
        self._cache: dict[str, object] = {}

    # ------------------------------------------------------------------ building
    @classmethod
    def build(
        cls,
        tokenizer: Tokenizer,
        challenges: Sequence[Document],
        capabilities: Sequence[Document],
        tokens: Mapping[str, list[str]] | None = None,
        settings: Settings | None = None,
        latent: LatentModel | None = None,
    ) -> MatchIndex:
        """Full build. `tokens` (by doc id) are cached `Tokenizer.tokens` output: reused as is.

        The latent model is fitted anew unless `latent` gives one to reuse (then the result
        equals an index that got the same documents one by one with that model).
        """
        index = cls(tokenizer, settings)
        for side, docs in zip(SIDES, (challenges, capabilities), strict=True):
            index._bulk_add(side, docs, tokens or {})
        index.set_latent(latent if latent is not None else index.fit_latent())
        return index

    def fit_latent(self, seed: int = 0) -> LatentModel | None:
        """A latent model fitted on a sample of this index's rows (None when turned off)."""
        st = self.settings
        if not st.latent_rank:
            return None
        ncols = len(self.vocab)
        # Rows in (side, id) order, so equal content samples and fits the same model.
        live = {}
        for side in SIDES:
            s = self.sides[side]
            rows = np.flatnonzero(s.alive)
            live[side] = rows[np.argsort([s.ids[r] for r in rows.tolist()], kind="stable")]
        n = sum(len(r) for r in live.values())
        pick = np.arange(n)
        if n > st.latent_sample:
            pick = np.sort(np.random.default_rng(seed).choice(n, size=st.latent_sample, replace=False))
        n_ch = len(live["challenge"])
        sample = sp.vstack(
            [
                self._tf_rows("challenge", ncols)[live["challenge"][pick[pick < n_ch]]],
                self._tf_rows("capability", ncols)[live["capability"][pick[pick >= n_ch] - n_ch]],
            ],
            format="csr",
        )
        shares = (1.0 - st.bigram_share, st.bigram_share)
        unseen = float(idf_from_df(np.zeros(1), len(self), st.idf)[0])
        return LatentModel.fit(sample, self.vocab, self.idf(), unseen, shares, st.latent_rank, seed)

    def set_latent(self, model: LatentModel | None) -> None:
        """Use `model` for the rerank: every row is projected on it (None: no rerank)."""
        self.latent = model
        ncols = len(self.vocab)
        for side in SIDES:
            s = self.sides[side]
            s.set_latent(
                np.zeros((0, 0), np.float16) if model is None else model.project(self._tf_rows(side, ncols), self.vocab)
            )
        self._changed()

    def _tf_rows(self, side: str, ncols: int) -> sp.csr_matrix:
        """All rows of a side (dead ones too, so row numbers hold) as one tf matrix."""
        s = self.sides[side]
        s.merge_pending(ncols)
        b = s.base
        return sp.csr_matrix((b.data, b.indices, b.indptr), shape=(b.shape[0], ncols))

    def _bulk_add(self, side: str, docs: Sequence[Document], tokens: Mapping[str, list[str]]) -> None:
        s = self.sides[side]
        seen: set[str] = set()
        for d in docs:
            if d.id in seen or d.id in s.pos:
                raise ValueError(f"duplicate {side} id {d.id!r}")
            seen.add(d.id)
        toks = [tokens[d.id] if d.id in tokens else self.tokenizer.tokens(d) for d in docs]
        m = vectorize(toks, self.vocab, self.settings)
        self._grow_df()
        ncols = len(self.vocab)
        s.merge_pending(ncols)
        base = (
            s.base
            if s.base.shape[1] == ncols
            else sp.csr_matrix((s.base.data, s.base.indices, s.base.indptr), shape=(s.base.shape[0], ncols))
        )
        s.base = sp.vstack([base, m], format="csr", dtype=DTYPE)
        s.base_layout = None
        s.ids.extend(d.id for d in docs)
        s.pos.update((d.id, s.n_rows - len(docs) + i) for i, d in enumerate(docs))
        s.alive = np.concatenate([s.alive, np.ones(len(docs), dtype=bool)])
        masks = [self._chain_mask(d.chains) for d in docs]
        s.chain_mask = np.concatenate([s.chain_mask, np.array([a for a, _ in masks], dtype=np.uint64)])
        s.primary = np.concatenate([s.primary, np.array([b for _, b in masks], dtype=np.int16)])
        keys = np.fromiter((_doc_key(side, d) for d in docs), dtype=np.uint64, count=len(docs))
        s.hashes = np.concatenate([s.hashes, keys ^ self.vocab.row_hashes(m)])
        # Document frequency: each row counts each of its columns once.
        self.df += np.bincount(m.indices, minlength=ncols)[:ncols]
        self._changed()

    def add_many(self, side: str, docs: Sequence[Document], tokens: Mapping[str, list[str]] | None = None) -> None:
        """Add new documents of one side at once, before the latent model is fitted (a full
        build in chunks: ids repeat across the sides, so each side gets its own `tokens`)."""
        check_side(side)
        if self.latent is not None:
            raise ValueError("add_many builds an index before fit_latent/set_latent; use upsert after")
        self._bulk_add(side, docs, tokens or {})

    def _grow_df(self) -> None:
        if len(self.df) < len(self.vocab):
            self.df = np.concatenate([self.df, np.zeros(len(self.vocab) - len(self.df))])

    def _chain_mask(self, chains: Iterable[str]) -> tuple[int, int]:
        mask, primary = 0, -1
        for code in chains:
            if code not in self.chain_codes:
                if len(self.chain_codes) >= 64:
                    continue
                self.chain_codes.append(code)
            bit = self.chain_codes.index(code)
            mask |= 1 << bit
            if primary < 0:
                primary = bit
        return mask, primary

    def _changed(self) -> None:
        self._cache.clear()

    # ------------------------------------------------------------------ incremental
    def upsert(self, side: str, doc: Document, tokens: list[str] | None = None) -> None:
        """Add or replace one document; cost is that document plus lazy norm refresh."""
        check_side(side)
        if doc.id in self.sides[side].pos:
            self.remove(side, doc.id)
        toks = tokens if tokens is not None else self.tokenizer.tokens(doc)
        m = vectorize([toks], self.vocab, self.settings)
        self._grow_df()
        cols, vals = m.indices.copy(), m.data.copy()
        self.df[cols] += 1
        mask, primary = self._chain_mask(doc.chains)
        s = self.sides[side]
        h = np.uint64(_doc_key(side, doc)) ^ self.vocab.row_hashes(m)[0]
        s.append(doc.id, cols, vals, mask, primary, int(h))
        if self.latent is not None:
            s.append_latent(self.latent.project(m, self.vocab))
        if len(s.pending) > max(_MERGE_MIN, _MERGE_SHARE * s.base.shape[0]):
            s.merge_pending(len(self.vocab))
        self._changed()

    def remove(self, side: str, doc_id: str) -> bool:
        """Remove a document; returns False when it was not indexed."""
        check_side(side)
        s = self.sides[side]
        r = s.pos.pop(doc_id, None)
        if r is None:
            return False
        cols, _ = s.row(r)
        self.df[cols] -= 1
        s.alive[r] = False
        self._changed()
        return True

    # ------------------------------------------------------------------ accessors
    def __len__(self) -> int:
        return sum(s.n_alive for s in self.sides.values())

    def __contains__(self, key: tuple[str, str]) -> bool:
        side, doc_id = key
        return doc_id in self.sides[side].pos

    def ids(self, side: str) -> list[str]:
        """Ids of one side in insertion order."""
        check_side(side)
        s = self.sides[side]
        return [i for r, i in enumerate(s.ids) if s.alive[r]]

    @property
    def version(self) -> str:
        """Content stamp: equal for equal content (ids, chains, tokens, settings), any order."""
        v = self._cache.get("version")
        if v is None:
            h = hashlib.blake2b(digest_size=12)
            h.update(f"v{self.FORMAT_VERSION}".encode())
            h.update(repr(sorted(self.settings.to_json().items())).encode())
            h.update(f"latent:{self.latent.stamp if self.latent is not None else '-'}".encode())
            for side in SIDES:
                s = self.sides[side]
                total = int(s.hashes[s.alive].sum(dtype=np.uint64)) if len(s.hashes) else 0
                h.update(f"{side}:{s.n_alive}:{total}".encode())
            v = h.hexdigest()
            self._cache["version"] = v
        return str(v)

    # ------------------------------------------------------------------ weights
    def idf(self) -> np.ndarray:
        """IDF of every column, from document frequencies over both sides."""
        v = self._cache.get("idf")
        if v is None:
            v = idf_from_df(self.df, len(self), self.settings.idf)
            self._cache["idf"] = v
        return v  # type: ignore[return-value]

    def _shares(self) -> np.ndarray:
        b = self.settings.bigram_share
        return np.array([1.0 - b, b])

    def _norms(self, side: str) -> np.ndarray:
        """(rows, 2) TF-IDF norms of each row's word block and bigram block."""
        key = "norms:" + side
        v = self._cache.get(key)
        if v is None:
            s = self.sides[side]
            ncols = len(self.vocab)
            idf2 = self.idf().astype(np.float64) ** 2
            is_bg = self.vocab.is_bigram
            word_w = np.where(is_bg, 0.0, idf2)
            bg_w = np.where(is_bg, idf2, 0.0)
            parts = []
            for m in (s.base, s.pending_csr(ncols)):
                if m.shape[0]:
                    sq = sp.csr_matrix((m.data.astype(np.float64) ** 2, m.indices, m.indptr), shape=m.shape)
                    parts.append(np.column_stack([sq @ word_w[: m.shape[1]], sq @ bg_w[: m.shape[1]]]))
            norms = np.sqrt(np.concatenate(parts)) if parts else np.zeros((0, 2))
            norms[norms == 0] = 1.0
            v = norms
            self._cache[key] = v
        return v  # type: ignore[return-value]

    def doc_weights(self, side: str, row: int) -> tuple[np.ndarray, np.ndarray]:
        """(columns, weights) of a row as scored: tf * idf / its block's norm."""
        cols, tf = self.sides[side].row(row)
        blk = self.vocab.is_bigram[cols].astype(np.int64)
        w = tf.astype(np.float64) * self.idf()[cols] / self._norms(side)[row][blk]
        return cols, w

    def _query_units(self, cols: np.ndarray, tf: np.ndarray) -> np.ndarray:
        """TF-IDF weights of a query, each block (words, bigrams) scaled to unit length.

        Score = (1 - s) * cos(words) + s * cos(bigrams): each block is normalised on its
        own so long texts' many bigrams cannot drown the words (and vice versa); the
        shares and the document side's idf / norms live in the impact matrix.
        """
        q = tf.astype(np.float64) * self.idf()[cols]
        blk = self.vocab.is_bigram[cols].astype(np.int64)
        norms = np.sqrt(np.bincount(blk, weights=q * q, minlength=2))
        norms[norms == 0] = 1.0
        return q / norms[blk]

    def _scorer(self, side: str) -> SideScorer:
        """Impact matrix of the side's base rows under the current weights (lazy, cached)."""
        key = "scorer:" + side
        v = self._cache.get(key)
        if v is None:
            s = self.sides[side]
            v = SideScorer(
                s.base,
                s.layout(self.vocab.is_bigram),
                self.idf(),
                self._shares(),
                self.vocab.is_bigram,
                self._norms(side),
            )
            self._cache[key] = v
        return v  # type: ignore[return-value]

    def _pending_scores(self, side: str, cols: np.ndarray, w: np.ndarray) -> np.ndarray:
        """Exact scores of the (few) rows added since the last merge."""
        s = self.sides[side]
        nb = s.base.shape[0]
        pm = s.pending_csr(len(self.vocab))
        norms = self._norms(side)[nb:]
        out = np.zeros(pm.shape[0])
        blk = self.vocab.is_bigram[cols]
        for b in (0, 1):
            qv = np.zeros(pm.shape[1])
            sel = blk == b
            qv[cols[sel]] = w[sel]
            out += (pm @ qv) / norms[:, b]
        return out

    def _chain_mult(self, side: str, qmask: int) -> np.ndarray | None:
        """Per-row score factor for a query's chain mask (cached per mask and epoch)."""
        if not qmask or not self.settings.chain_bonus:
            return None
        key = f"mult:{side}:{qmask}"
        v = self._cache.get(key)
        if v is None:
            # Each shared chain adds the bonus: two shared chains are stronger evidence than one.
            shared = np.bitwise_count(self.sides[side].chain_mask & np.uint64(qmask))
            if not self.settings.chain_bonus_each:
                shared = np.minimum(shared, 1)
            v = (1.0 + self.settings.chain_bonus * shared).astype(np.float32)
            self._cache[key] = v
        return v  # type: ignore[return-value]

    def _top(
        self,
        side: str,
        cols: np.ndarray,
        qv: np.ndarray,
        qmask: int,
        k: int,
        allowed: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the best k allowed rows of `side` for query units `qv`."""
        s = self.sides[side]
        mult = self._chain_mult(side, qmask)
        nb = s.base.shape[0]
        rows, scores = np.zeros(0, dtype=np.int64), np.zeros(0)
        if nb:
            rows, scores = self._scorer(side).top(cols, qv, None if mult is None else mult[:nb], allowed[:nb], k)
        if s.pending:
            blk = self.vocab.is_bigram[cols].astype(np.int64)
            w = qv * self.idf()[cols] * self._shares()[blk]
            ps = self._pending_scores(side, cols, w)
            if mult is not None:
                ps = ps * mult[nb:]
            prow = np.arange(nb, s.n_rows)
            keep = (ps > 0) & allowed[nb:]
            rows = np.concatenate([rows, prow[keep]])
            scores = np.concatenate([scores, ps[keep]])
            if len(rows) > k:
                part = np.argpartition(-scores, k - 1)[:k]
                rows, scores = rows[part], scores[part]
            order = np.lexsort((rows, -scores))
            rows, scores = rows[order], scores[order]
        return rows, scores

    # ------------------------------------------------------------------ ranking
    def rank_for(
        self,
        side: str,
        doc_id: str,
        k: int = 10,
        candidates: set[str] | None = None,
        explain: bool = True,
    ) -> list[Ranked]:
        """Rank the OTHER side for document `doc_id` of `side` (best first, score > 0 only).

        `candidates`: allowed ids (a set or frozenset; the row mask is cached per distinct
        set until the index changes). `explain=False` leaves `terms` empty (saves ~0.2 ms).
        """
        check_side(side)
        s = self.sides[side]
        r = s.pos.get(doc_id)
        if r is None:
            raise KeyError(f"{side} {doc_id!r} is not in the index")
        cols, tf = s.row(r)
        zq = s.latent()[r] if self.latent is not None else None
        return self._rank(other_side(side), cols, tf, int(s.chain_mask[r]), k, candidates, explain, zq)

    def search(
        self,
        text: str,
        side: str,
        k: int = 10,
        candidates: set[str] | None = None,
        chains: Sequence[str] = (),
        explain: bool = True,
        rows: np.ndarray | None = None,
    ) -> list[Ranked]:
        """Free-text query against one side, same scoring as `rank_for`.

        `chains` (optional) are the query's chains, for the shared-chain bonus. `rows`
        (optional) is a boolean mask over the side's rows (see `has_terms`): only those rank.
        """
        check_side(side)
        cols, tf = self.query_vector(self.tokenizer.tokenize(text))
        mask = 0
        for c in chains:
            if c in self.chain_codes:
                mask |= 1 << self.chain_codes.index(c)
        zq = None
        if self.latent is not None and len(cols):
            row = sp.csr_matrix((tf, cols, [0, len(cols)]), shape=(1, len(self.vocab)))
            zq = self.latent.project(row, self.vocab)[0]
        return self._rank(side, cols, tf, mask, k, candidates, explain, zq, rows)

    def query_vector(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(columns, tf) of a token list; unknown terms are dropped (they cannot match)."""
        known = [t for t in tokens if t in self.vocab.index]
        if not known:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=DTYPE)
        m = vectorize([known], self.vocab, self.settings)  # known terms: vocab does not grow
        return m.indices.astype(np.int32), m.data

    def _rank(
        self,
        side: str,
        cols: np.ndarray,
        tf: np.ndarray,
        qmask: int,
        k: int,
        candidates: set[str] | None,
        explain: bool = True,
        zq: np.ndarray | None = None,
        rows: np.ndarray | None = None,
    ) -> list[Ranked]:
        s = self.sides[side]
        if k <= 0 or not len(cols) or not s.n_rows:
            return []
        allowed = self._allowed(side, candidates)
        if rows is not None:
            allowed = allowed & rows[: s.n_rows]
        qv = self._query_units(cols, tf)
        if zq is None:
            order, scores = self._top(side, cols, qv, qmask, k, allowed)
        else:
            order, scores = self._top(side, cols, qv, qmask, max(k, self.settings.latent_depth), allowed)
            order, scores = self._rerank(side, order, scores, zq, qmask, k)
        if not len(order):
            return []
        if not explain:
            return [
                Ranked(id=s.ids[r], score=round(float(x), 6))
                for r, x in zip(order.tolist(), scores.tolist(), strict=True)
            ]
        # Explanations for the final top k only: contributions q_t * W[d, t] (the dot product).
        explainer = QueryExplainer(cols, qv, self.vocab, self.tokenizer.is_word)
        rows = order.tolist()
        all_terms = explainer.terms_for_many(self._impact_rows(side, order), self.settings.explain_terms)
        out = []
        for r, score, terms in zip(rows, scores.tolist(), all_terms, strict=True):
            out.append(Ranked(id=s.ids[r], score=round(float(score), 6), terms=terms))
        return out

    def _rerank(
        self, side: str, rows: np.ndarray, scores: np.ndarray, zq: np.ndarray, qmask: int, k: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """The best k of the lexical candidates after adding the latent term (latent.py)."""
        latent = self.sides[side].latent()[rows].astype(np.float32) @ zq.astype(np.float32)
        mult = self._chain_mult(side, qmask)
        if mult is not None:
            latent = latent * mult[rows]
        final = scores + self.settings.latent_weight * latent
        order = np.lexsort((rows, -final))[:k]
        order = order[final[order] > 0]
        return rows[order], final[order]

    def _impact_rows(self, side: str, rows: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """(columns, W[r, columns]) of each row as scored: tf * idf * block share / norm."""
        s = self.sides[side]
        nb = s.base.shape[0]
        m = self._scorer(side).rows if nb else None
        out = []
        for r in rows.tolist():
            if r < nb:
                a, b = m.indptr[r], m.indptr[r + 1]  # type: ignore[union-attr]
                out.append((m.indices[a:b], m.data[a:b]))  # type: ignore[union-attr]
            else:
                cols, w = self.doc_weights(side, r)
                out.append((cols, w * self._shares()[self.vocab.is_bigram[cols].astype(np.int64)]))
        return out

    def has_terms(self, side: str, columns: Sequence[int]) -> np.ndarray:
        """(rows, len(columns)) booleans: whether each row of `side` holds each column.

        Answered from a column-major copy of the rows' structure (one byte per posting, built
        lazily once per change epoch, like the scorer), so a keyword search reads the postings
        of its few columns instead of every row.
        """
        s = self.sides[side]
        cols = np.asarray(columns, dtype=np.int64)
        out = np.zeros((s.n_rows, len(cols)), dtype=bool)
        if not len(cols):
            return out
        key = "postings:" + side
        csc = self._cache.get(key)
        base = s.base
        if csc is None:
            ones = np.ones(len(base.indices), dtype=np.bool_)
            csc = sp.csr_matrix((ones, base.indices, base.indptr), shape=base.shape).tocsc()
            self._cache[key] = csc
        assert isinstance(csc, sp.csc_matrix)
        for j, c in enumerate(cols.tolist()):
            if c < csc.shape[1]:
                out[csc.indices[csc.indptr[c] : csc.indptr[c + 1]], j] = True
        nb = base.shape[0]
        for r, (pcols, _) in enumerate(s.pending):  # the few rows added since the last merge
            out[nb + r] = np.isin(cols, pcols)
        return out

    def _allowed(self, side: str, candidates: set[str] | frozenset[str] | None) -> np.ndarray:
        """Boolean row mask: alive and (if given) among `candidates`; cached per set and epoch.

        The cache key is the frozenset of ids, so a caller passing the same candidate set
        query after query pays one C-level hash instead of a Python loop over the ids.
        """
        s = self.sides[side]
        if candidates is None:
            return s.alive
        key = (side, frozenset(candidates))
        cache = self._cache.setdefault("allowed", {})
        assert isinstance(cache, dict)
        v = cache.get(key)
        if v is None:
            keep = np.zeros(s.n_rows, dtype=bool)
            pos = s.pos
            keep[[pos[c] for c in key[1] if c in pos]] = True
            v = keep & s.alive
            if len(cache) >= 16:  # a few live candidate sets per epoch is the expected use
                cache.pop(next(iter(cache), None), None)
            cache[key] = v
        return v

    # ------------------------------------------------------------------ chains
    def suggest_chains(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """Likely chains for a text: cosine to each chain's centroid (tagged docs + lexicon)."""
        from .chains import suggest

        return suggest(self, text, k)

    # ------------------------------------------------------------------ persistence
    def to_bytes(self) -> bytes:
        from .serialize import index_to_bytes

        return index_to_bytes(self)

    @classmethod
    def from_bytes(cls, data: bytes, tokenizer: Tokenizer) -> MatchIndex:
        from .serialize import index_from_bytes

        return index_from_bytes(data, tokenizer)

    def save(self, directory: str | Path) -> None:
        from .serialize import save_dir

        save_dir(self, directory)

    @classmethod
    def load(cls, directory: str | Path, tokenizer: Tokenizer) -> MatchIndex:
        from .serialize import load_dir

        return load_dir(directory, tokenizer)
