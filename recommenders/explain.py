"""Which words explain a pair's score: per-term contributions to the dot product.

Explanations are shown to people, so they are words of the query document, never
bigram features or lone characters:
- a word of two or more characters scores its own contribution, plus its bigrams'
  contributions when all of them occur in the other document (the word is there, only
  segmented differently);
- jieba (HMM off) splits unknown words into single characters (运维 -> 运 / 维); such a
  pair is shown as the two-character term when that bigram is shared, scoring the bigram
  and both characters;
- other single characters are not shown.
"""

from __future__ import annotations

import numpy as np

from .tokenizer import BIGRAM_PREFIX
from .weighting import Vocabulary


def _pad(rows: list[list[int]], fill: int) -> np.ndarray:
    width = max((len(r) for r in rows), default=0)
    out = np.full((len(rows), max(width, 1)), fill, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


class QueryExplainer:
    """Precomputes, once per query, the display terms and which columns feed each."""

    def __init__(self, qcols: np.ndarray, qweights: np.ndarray, vocab: Vocabulary) -> None:
        self.qcols = qcols  # sorted, unique
        self.qweights = qweights
        terms = vocab.terms
        n = len(qcols)
        self._n = n
        pos_of = {int(c): i for i, c in enumerate(qcols.tolist())}
        is_bg = vocab.is_bigram[qcols]
        labels: list[str] = []
        direct: list[list[int]] = []
        grams: list[list[int]] = []
        required: list[int] = []
        singles: dict[str, int] = {}
        for p in np.flatnonzero(~is_bg).tolist():
            word = terms[int(qcols[p])]
            if len(word) < 2:
                singles[word] = p
                continue
            cols = [vocab.index.get(BIGRAM_PREFIX + word[i : i + 2]) for i in range(len(word) - 1)]
            labels.append(word)
            direct.append([p])
            # A bigram the query lacks can never be shared: slot n + 1 is "absent".
            grams.append([pos_of.get(c, n + 1) if c is not None else n + 1 for c in cols])
            required.append(n)
        for p in np.flatnonzero(is_bg).tolist():
            gram = terms[int(qcols[p])][len(BIGRAM_PREFIX) :]
            if gram[0] in singles and gram[1] in singles and gram not in labels:
                labels.append(gram)
                direct.append([p, singles[gram[0]], singles[gram[1]]])
                grams.append([])
                required.append(p)
        self.labels = labels
        self.direct = _pad(direct, n)  # slot n: always 0 contribution
        self.grams = _pad(grams, n)  # slot n: "present", 0 contribution
        self.has_grams = np.array([bool(g) for g in grams], dtype=bool)
        self.required = np.array(required, dtype=np.int64)
        self.order_key = np.arange(len(labels))

    def terms_for(self, dcols: np.ndarray, dweights: np.ndarray, k: int) -> list[str]:
        """The `k` terms contributing most to q·d, best first (only positive contributions)."""
        if k <= 0 or not self.labels:
            return []
        n = self._n
        qcols = self.qcols
        idx = np.searchsorted(qcols, dcols)
        idx[idx >= len(qcols)] = 0
        hit = qcols[idx] == dcols
        contrib = np.zeros(n + 2)
        contrib[idx[hit]] = self.qweights[idx[hit]] * dweights[hit]
        present = contrib > 0
        present[n] = True  # padding / "no requirement"
        present[n + 1] = False  # a bigram absent from the query
        contrib[n] = contrib[n + 1] = 0.0
        all_grams = present[self.grams].all(axis=1) & self.has_grams
        credit = np.where(all_grams, contrib[self.grams].sum(axis=1), 0.0)
        score = contrib[self.direct].sum(axis=1) + credit
        score[~present[self.required]] = 0.0
        good = np.flatnonzero(score > 0)
        if not len(good):
            return []
        order = good[np.lexsort((self.order_key[good], -score[good]))][:k]
        return [self.labels[i] for i in order]


def explain_pair(
    qcols: np.ndarray,
    qweights: np.ndarray,
    dcols: np.ndarray,
    dweights: np.ndarray,
    vocab: Vocabulary,
    n: int,
) -> list[str]:
    """One-off form of `QueryExplainer.terms_for` (query columns must be sorted)."""
    return QueryExplainer(qcols, qweights, vocab).terms_for(dcols, dweights, n)
