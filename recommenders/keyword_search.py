"""Keyword search over one side: precise, ranked, and honest when nothing fits.

The list pages' search box. Matching ranks pairs of whole posts by every word they share;
a search box must not: "锂电池回收" used to list 23 posts that shared one of its two words
(回收 in a solvent-recovery problem, a PVDF binder problem for 锂电池 first). Here:

1. The query is segmented by the index's tokenizer (same dictionary, synonyms and stop words
   as the posts), giving its content terms; single characters jieba leaves alone side by side
   (动臂 -> 动 / 臂, a word it lacks) are joined back into one term.
2. A post *contains* a term when it holds the term as a word, or every character bigram of it
   (the same text, segmented differently: 回收率 holds 回收). `_alternatives` is the one place
   that says what counts as the term being present: exact matches today; a thesaurus bridge
   (RO膜 ~ 反渗透膜) will add its columns there, weighted below an exact match.
3. A hit contains at least `min_share` of the query's terms, rounded up (0.75: up to three
   terms all are needed, 3 of 4, 4 of 5). Chosen on benchmarks/search_set.yaml (52 queries):
   0.5 and 0.6 let two of three words through ("缺陷 检测" for 焊缝缺陷检测: P@10 0.62 / 0.86),
   0.75 gives P@10 0.97 at R@10 0.92, 1.0 the same precision with longer queries failing more.
4. Hits are ordered by how many terms they contain, then by the matching score (TF-IDF cosine
   of words and bigrams plus the latent term, as `MatchIndex.search`).
5. When nothing passes, `suggestions` are the posts containing the most terms (at least one),
   for the page to offer as partial matches, labelled as such.

Everything is answered from the index (postings of the query's few columns), not by reading
the posts' text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .index import MatchIndex
from .tokenizer import BIGRAM_PREFIX

MIN_SHARE = 0.75
MAX_QUERY = 200  # characters read of a query


@dataclass(frozen=True)
class Term:
    """One content term of a query: as indexed (synonyms mapped) and as typed (normalised)."""

    text: str
    typed: str


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    matched: tuple[str, ...]  # the query terms (Term.text) the post contains


@dataclass(frozen=True)
class SearchResult:
    terms: tuple[Term, ...]
    hits: list[Hit]  # posts with at least the minimum share of the terms, best first
    suggestions: list[Hit]  # only when `hits` is empty: partial matches, most terms first
    required: int = 0  # how many terms a hit must contain


def required_terms(n_terms: int, min_share: float = MIN_SHARE) -> int:
    """How many of n terms a hit must contain (at least one)."""
    return max(1, math.ceil(n_terms * min_share - 1e-9)) if n_terms else 0


def query_terms(index: MatchIndex, text: str) -> tuple[Term, ...]:
    """Distinct content terms of a query, in the order typed."""
    out: dict[str, Term] = {}
    for term, typed in index.tokenizer.query_words(text[:MAX_QUERY]):
        out.setdefault(term, Term(term, typed))
    return tuple(out.values())


def marks(index: MatchIndex, text: str) -> list[str]:
    """What to highlight in the results of a query: each term as typed, as indexed, and the
    variants the synonyms map to it (锂电池 for 锂离子电池), longest first."""
    terms = query_terms(index, text)
    canonical = {t.text for t in terms}
    found = {w for t in terms for w in (t.typed, t.text)}
    found |= {variant for variant, term in index.tokenizer.synonyms.items() if term in canonical}
    return sorted(found, key=lambda w: (-len(w), w))


def _alternatives(index: MatchIndex, term: str) -> list[list[int]]:
    """Column sets any one of which, all present in a post, means the post contains `term`.

    Exact matches: the word's own column; its character bigrams (a post segmenting the same
    text differently). Thesaurus bridges plug in here (with a weight below 1 in `_coverage`).
    """
    vocab = index.vocab.index
    found: list[list[int]] = []
    if term in vocab:
        found.append([vocab[term]])
    if len(term) >= 2 and not term.isascii():
        grams = [vocab.get(BIGRAM_PREFIX + term[i : i + 2], -1) for i in range(len(term) - 1)]
        if -1 not in grams:
            found.append(grams)
    return found


def _coverage(index: MatchIndex, side: str, terms: tuple[Term, ...]) -> np.ndarray:
    """(rows, terms) booleans: whether each row of `side` contains each term."""
    alternatives = [_alternatives(index, t.text) for t in terms]
    columns = sorted({c for alts in alternatives for cols in alts for c in cols})
    at = {c: j for j, c in enumerate(columns)}
    present = index.has_terms(side, columns)
    cover = np.zeros((present.shape[0], len(terms)), dtype=bool)
    for j, alts in enumerate(alternatives):
        for cols in alts:
            cover[:, j] |= present[:, [at[c] for c in cols]].all(axis=1)
    return cover


def keyword_search(
    index: MatchIndex,
    text: str,
    side: str,
    k: int = 500,
    min_share: float = MIN_SHARE,
    suggestions: int = 50,
) -> SearchResult:
    """Posts of `side` for a typed query: hits, or (when there are none) suggestions."""
    terms = query_terms(index, text)
    need = required_terms(len(terms), min_share)
    if not terms or k <= 0:
        return SearchResult(terms, [], [], need)
    cover = _coverage(index, side, terms)
    counts = np.where(index.sides[side].alive, cover.sum(axis=1), 0)
    hits = _ordered(index, text, side, terms, cover, counts >= need, k)
    if hits:
        return SearchResult(terms, hits, [], need)
    return SearchResult(terms, [], _ordered(index, text, side, terms, cover, counts > 0, suggestions), need)


def _ordered(
    index: MatchIndex,
    text: str,
    side: str,
    terms: tuple[Term, ...],
    cover: np.ndarray,
    rows: np.ndarray,
    k: int,
) -> list[Hit]:
    """The best k rows of `rows`: most terms first, then by the matching score.

    Scored one level of term count at a time, each asking the index for no more than the
    places left, so a common word held by thousands of rows costs a top-k query, not a
    score and a sort of every row.
    """
    counts = np.where(rows, cover.sum(axis=1), 0)
    ids = index.sides[side].ids
    out: list[Hit] = []
    for level in range(len(terms), 0, -1):
        left = k - len(out)
        if left <= 0:
            break
        at_level = counts == level
        n = int(at_level.sum())
        if not n:
            continue
        ranked = index.search(text[:MAX_QUERY], side, k=min(left, n), explain=False, rows=at_level)
        found = [(index.sides[side].pos[r.id], r.score) for r in ranked]
        if len(found) < min(left, n):  # rows the latent term pushed to <= 0 still hold the words
            seen = {r for r, _ in found}
            found += [(r, 0.0) for r in np.flatnonzero(at_level).tolist() if r not in seen][: min(left, n) - len(found)]
        for r, score in found:
            out.append(Hit(ids[r], score, tuple(t.text for t, on in zip(terms, cover[r], strict=True) if on)))
    return out
