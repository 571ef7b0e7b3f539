"""Term weighting: tokens -> sparse term-frequency rows, and the settings that shape them.

Rows hold field-weighted, sublinear term frequencies only. IDF and length normalisation
are applied at query time from document frequencies, so adding or removing one document
never refits the others and an incremental index scores exactly like a full rebuild.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from itertools import chain

import numpy as np
import scipy.sparse as sp

from .tokenizer import BIGRAM_PREFIX, DESCRIPTION, KEYWORDS, TITLE

DTYPE = np.float32


@dataclass(frozen=True)
class Settings:
    """Scoring parameters; few on purpose (each one measured, see README)."""

    title_weight: float = 1.0  # a title word counts as this many occurrences (1.0 measured best)
    keyword_weight: float = 1.0  # same for the keyword field
    bigram_share: float = 0.4  # score = (1 - s) * cos(words) + s * cos(char bigrams)
    chain_bonus: float = 0.3  # score *= 1 + chain_bonus per chain the pair shares ...
    chain_bonus_each: bool = True  # ... (False: once, however many chains are shared)
    sublinear_tf: bool = True  # 1 + ln(tf): repeated words saturate
    idf: str = "bm25"  # ln(1 + (N - df + .5)/(df + .5)); "smooth": sklearn's (+1); "plain"
    explain_terms: int = 5  # how many terms explain each score
    # LSA rerank (latent.py): score += weight x latent dot product x chain factor, applied to
    # the lexical top `latent_depth`; basis of rank `latent_rank` (0: off) fitted on at most
    # `latent_sample` rows at a full build.
    latent_rank: int = 128
    latent_weight: float = 0.3
    latent_depth: int = 30  # 30, 50 and 100 measured the same on all three sets
    latent_sample: int = 5_000  # the three labelled sets (<= 3,300 rows) are fitted whole

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Settings:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})  # type: ignore[arg-type]


class Vocabulary:
    """Append-only term -> column map shared by both sides of an index."""

    def __init__(self, terms: Sequence[str] = ()) -> None:
        self.terms: list[str] = []
        self.index: dict[str, int] = {}
        self._bigram = np.zeros(0, dtype=bool)
        self._hash = np.zeros(0, dtype=np.uint64)
        self.explain_memo: dict[int, list[int | None]] = {}  # word column -> bigram columns
        self.add_all(terms)

    def __len__(self) -> int:
        return len(self.terms)

    def add_all(self, terms: Sequence[str]) -> None:
        """Add unseen terms in first-seen order."""
        new = [t for t in dict.fromkeys(terms) if t not in self.index]
        if not new:
            return
        start = len(self.terms)
        self.index.update(zip(new, range(start, start + len(new)), strict=True))
        self.terms.extend(new)
        flags = np.fromiter((t.startswith(BIGRAM_PREFIX) for t in new), dtype=bool, count=len(new))
        self._bigram = np.concatenate([self._bigram, flags])
        hashes = np.fromiter((term_hash(t) for t in new), dtype=np.uint64, count=len(new))
        self._hash = np.concatenate([self._hash, hashes])

    @property
    def is_bigram(self) -> np.ndarray:
        return self._bigram

    def row_hashes(self, m: sp.csr_matrix) -> np.ndarray:
        """Order-free 64-bit content hash of each row: sum of term hash x quantised weight.

        Independent of column order, so a rebuilt or reloaded index hashes the same.
        """
        q = np.round(m.data.astype(np.float64) * 4096).astype(np.uint64)
        vals = self._hash[m.indices] * q  # uint64 arithmetic wraps, as intended
        out = np.zeros(m.shape[0], dtype=np.uint64)
        nonempty = np.flatnonzero(np.diff(m.indptr))
        if len(nonempty):
            out[nonempty] = np.add.reduceat(vals, m.indptr[nonempty])
        return out


def term_hash(term: str) -> int:
    """Stable 64-bit hash of a string (two CRC-32s; Python's hash() is salted per process)."""
    b = term.encode()
    return (zlib.crc32(b) << 32) | zlib.crc32(b, 0x9E3779B9)


_FIELD_OF_MARKER = {TITLE: 1, KEYWORDS: 2, DESCRIPTION: 0}


def vectorize(
    token_lists: Sequence[Sequence[str]], vocab: Vocabulary, settings: Settings, chunk: int = 8192
) -> sp.csr_matrix:
    """Weighted term-frequency rows (CSR, float32) for token lists; grows `vocab`.

    Vectorised with numpy in chunks so 100k cached token lists rebuild in seconds.
    """
    field_w = np.array([1.0, settings.title_weight, settings.keyword_weight], dtype=np.float64)
    parts = []
    for start in range(0, len(token_lists), chunk):
        parts.append(_vectorize_chunk(token_lists[start : start + chunk], vocab, settings, field_w))
    if not parts:
        return sp.csr_matrix((0, len(vocab)), dtype=DTYPE)
    ncols = len(vocab)
    parts = [p if p.shape[1] == ncols else _widen(p, ncols) for p in parts]
    return sp.vstack(parts, format="csr", dtype=DTYPE)


def _widen(m: sp.csr_matrix, ncols: int) -> sp.csr_matrix:
    return sp.csr_matrix((m.data, m.indices, m.indptr), shape=(m.shape[0], ncols))


def _vectorize_chunk(
    token_lists: Sequence[Sequence[str]],
    vocab: Vocabulary,
    settings: Settings,
    field_w: np.ndarray,
) -> sp.csr_matrix:
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists))
    flat = list(chain.from_iterable(token_lists))
    vocab.add_all(flat)
    # Markers get their own columns (harmless: dropped below before the matrix is built).
    ids = np.fromiter(map(vocab.index.__getitem__, flat), dtype=np.int64, count=len(flat))
    doc = np.repeat(np.arange(len(token_lists)), lengths)
    # Field of each token: forward-fill the last marker seen within the document.
    field_code = np.full(len(flat), -1, dtype=np.int64)
    for marker, code in _FIELD_OF_MARKER.items():
        col = vocab.index.get(marker)
        if col is not None:
            field_code[ids == col] = code
    is_marker = field_code >= 0
    n_docs = len(token_lists)
    ncols = len(vocab)
    keep = ~is_marker
    uniform = bool(np.all(field_w == 1.0))
    if not uniform:
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lengths) else lengths
        starts = starts[lengths > 0]
        field_code[starts[~is_marker[starts]]] = 0  # no leading marker: description
        pos = np.where(field_code >= 0, np.arange(len(flat)), 0)
        np.maximum.accumulate(pos, out=pos)
        weights = field_w[field_code[pos]][keep]
    # Sort (doc, column) keys: documents come in order, so this is nearly sorted and fast;
    # runs of equal keys are one matrix entry (their count, or their summed field weight).
    keys = doc[keep] * ncols + ids[keep]
    if uniform:
        keys.sort()
    else:
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        weights = weights[order]
    if len(keys):
        first = np.concatenate([[True], keys[1:] != keys[:-1]])
        starts_k = np.flatnonzero(first)
        uniq = keys[starts_k]
        if uniform:
            data = np.diff(np.append(starts_k, len(keys))).astype(np.float64)
        else:
            data = np.add.reduceat(weights, starts_k)
    else:
        uniq = keys
        data = np.zeros(0)
    rows, cols = np.divmod(uniq, ncols)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n_docs))])
    m = sp.csr_matrix((data, cols.astype(np.int32), indptr), shape=(n_docs, ncols))
    data = m.data
    if settings.sublinear_tf:
        data = np.where(data >= 1.0, 1.0 + np.log(np.maximum(data, 1.0)), data)
    m.data = data.astype(DTYPE)
    return m


def idf_from_df(df: np.ndarray, n_docs: int, kind: str = "bm25") -> np.ndarray:
    """IDF of each column from its document frequency.

    "bm25" (default): ln(1 + (N - df + 0.5) / (df + 0.5)), the Robertson-Sparck Jones
    weight as BM25 implementations (Lucene, bm25s) use it: a term in every document
    weighs ~0, yet stays positive. "smooth": scikit-learn's ln((1 + N) / (1 + df)) + 1,
    whose +1 gives a term in every document the weight of a 1-in-3 term (README ablation).
    "plain": ln((1 + N) / (1 + df)), the same without the +1 (0 for a term everywhere).
    """
    if kind == "smooth":
        return (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(DTYPE)
    if kind == "plain":
        return np.log((1.0 + n_docs) / (1.0 + df)).astype(DTYPE)
    return np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(DTYPE)


def dumps(obj: object) -> bytes:
    """Canonical JSON bytes (stable key order) for stamps and serialisation."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
