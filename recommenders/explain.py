"""Which words explain a pair's score: per-term contributions to the dot product.

Explanations are shown to people, so they are words of the query document, never
bigram features or lone characters:
- a word of two or more characters scores its own contribution, plus its bigrams'
  contributions when all of them occur in the other document (the word is there, only
  segmented differently);
- jieba (HMM off) splits words it lacks into single characters (析锂 -> 析 / 锂); a pair
  of such characters is shown as the two-character term only when that term is a
  dictionary word (`Tokenizer.is_word`: jieba's dictionary, the chain lexicons, the domain
  terms) and the bigram is shared, scoring the bigram and both characters. Without that
  test the pair could be any bigram of the query whose two characters occur alone
  somewhere, which showed cross-word fragments as reasons ("轮修", "水回", "性差"); the
  bigrams still count in the score, they are only not shown;
- other single characters, and bare numbers (60, 0.5), are not shown: they rank (keeping
  them measured better) but explain nothing to a reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from .tokenizer import BIGRAM_PREFIX
from .weighting import Vocabulary

_BARE_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


class QueryExplainer:
    """Precomputes, once per query, the display terms and which columns feed each.

    Per-term facts (a word's bigram columns, a bigram's text) are memoised on the
    vocabulary, so a query does one dictionary look-up per word and numpy for the rest.
    """

    def __init__(
        self,
        qcols: np.ndarray,
        qweights: np.ndarray,
        vocab: Vocabulary,
        is_word: Callable[[str], bool] = lambda term: False,
    ) -> None:
        self.qcols = qcols  # sorted, unique
        self.qweights = qweights
        terms = vocab.terms
        memo = vocab.explain_memo
        n = len(qcols)
        self._n = n
        qlist = qcols.tolist()
        is_bg = vocab.is_bigram[qcols]
        word_pos: list[int] = []  # query positions of the words shown as themselves
        flat: list[int] = []  # their bigram columns, concatenated (-1: not in vocabulary)
        lens: list[int] = []
        singles: dict[str, int] = {}
        for p in np.flatnonzero(~is_bg).tolist():
            c = qlist[p]
            got = memo.get(c)
            if got is None:
                word = terms[c]
                if len(word) < 2 or _BARE_NUMBER.match(word):
                    got = word  # never shown (see the module docstring)
                else:
                    cols = [vocab.index.get(BIGRAM_PREFIX + word[i : i + 2], -1) for i in range(len(word) - 1)]
                    got = tuple(cols)
                    if -1 in cols:  # may be added later: look it up again next time
                        word_pos.append(p)
                        flat.extend(cols)
                        lens.append(len(cols))
                        continue
                memo[c] = got
            if isinstance(got, str):
                singles[got] = p
            else:
                word_pos.append(p)
                flat.extend(got)
                lens.append(len(got))
        labels = [terms[qlist[p]] for p in word_pos]
        direct: list[tuple[int, int, int]] = [(p, n, n) for p in word_pos]
        required = [n] * len(word_pos)
        n_words = len(word_pos)
        if len(singles) >= 2:
            shown = set(labels)
            for p in np.flatnonzero(is_bg).tolist():
                gram = terms[qlist[p]][len(BIGRAM_PREFIX) :]
                if gram[0] in singles and gram[1] in singles and gram not in shown and is_word(gram):
                    labels.append(gram)
                    shown.add(gram)
                    direct.append((p, singles[gram[0]], singles[gram[1]]))
                    required.append(p)
        n_labels = len(labels)
        # Label l scores direct[l] (its own column, or a bigram and its two characters)
        # plus its bigrams' columns grams[l] when every one of them is shared, so both are
        # position x label matrices and a document's label scores are two products.
        lab = np.arange(n_labels)
        direct_m = np.zeros((n + 1, n_labels))  # row n: padding
        d = np.array(direct, dtype=np.int64).reshape(-1, 3)
        direct_m[d.ravel(), np.repeat(lab, 3)] = 1.0
        grams_m = np.zeros((n + 2, n_labels))  # row n + 1: a bigram the query lacks
        lens_a = np.array(lens, dtype=np.int64)
        if flat:
            fc = np.array(flat, dtype=np.int64)
            at = np.searchsorted(qcols, fc)
            at[at >= n] = 0
            pos = np.where((fc >= 0) & (qcols[at] == fc), at, n + 1) if n else fc * 0 + n + 1
            np.add.at(grams_m, (pos, np.repeat(lab[:n_words], lens_a)), 1.0)
        usable = np.zeros(n_labels, dtype=bool)
        usable[:n_words] = (lens_a > 0) & (grams_m[n + 1, :n_words] == 0)
        self.labels = labels
        self._direct = direct_m[:n]
        self._grams = grams_m[:n]
        self._gram_count = np.where(usable, grams_m[:n].sum(axis=0), -1.0)  # -1: never all shared
        req = np.array(required, dtype=np.int64)
        self._req_labels = np.flatnonzero(req < n)
        self._req_pos = req[self._req_labels]

    def terms_for(self, dcols: np.ndarray, dweights: np.ndarray, k: int) -> list[str]:
        """The `k` terms contributing most to q·d, best first (only positive contributions)."""
        return self.terms_for_many([(dcols, dweights)], k)[0]

    def terms_for_many(self, docs: list[tuple[np.ndarray, np.ndarray]], k: int) -> list[list[str]]:
        """`terms_for` of several documents at once (one vectorised pass)."""
        if k <= 0 or not self.labels or not docs:
            return [[] for _ in docs]
        n = self._n
        m = len(docs)
        qcols = self.qcols
        dcols = np.concatenate([c for c, _ in docs])
        dw = np.concatenate([w for _, w in docs]).astype(np.float64)
        doc_of = np.repeat(np.arange(m), [len(c) for c, _ in docs])
        idx = np.searchsorted(qcols, dcols)
        idx[idx >= n] = 0
        hit = qcols[idx] == dcols if n else np.zeros(len(dcols), dtype=bool)
        contrib = np.zeros((m, n))
        contrib[doc_of[hit], idx[hit]] = self.qweights[idx[hit]] * dw[hit]
        present = (contrib > 0).astype(np.float64)
        all_grams = present @ self._grams == self._gram_count
        score = contrib @ self._direct + np.where(all_grams, contrib @ self._grams, 0.0)
        score[:, self._req_labels] *= present[:, self._req_pos]
        # Best first; equal scores keep the query's order (stable sort).
        best = np.argsort(-score, axis=1, kind="stable")[:, :k]
        keep = np.take_along_axis(score, best, axis=1) > 0
        labels = self.labels
        return [
            [labels[j] for j, ok in zip(b, o, strict=True) if ok]
            for b, o in zip(best.tolist(), keep.tolist(), strict=True)
        ]
