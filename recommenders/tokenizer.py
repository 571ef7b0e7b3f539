"""Segmentation: jieba words (chain lexicons as user dictionary) plus character bigrams.

`Tokenizer.tokens(doc)` is what the app stores per post; the index never segments again.
The stored list carries field markers (``FIELD_MARKERS``) so field weights can change
without re-segmenting, and bigram features are prefixed with ``BIGRAM_PREFIX`` so they
never collide with words.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from sys import intern

import jieba

from . import fastseg
from .document import Document
from .lexicon import DOMAIN_SYNONYMS, DOMAIN_TERMS, Chain, load_chains
from .normalize import normalize_text
from .stopwords import STOP_CHARS, STOPWORDS

TOKENIZER_VERSION = 1  # bump whenever the token stream of the same text changes
TITLE, KEYWORDS, DESCRIPTION = "@t", "@k", "@d"
FIELD_MARKERS: tuple[str, str, str] = (TITLE, KEYWORDS, DESCRIPTION)
BIGRAM_PREFIX = "~"

_HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A kept ASCII term: starts with a letter or digit, may hold + # . - inside (c++, wi-fi, 5g).
_ASCII_TERM = re.compile(r"^[a-z0-9][a-z0-9+#.\-]*$")
_JIEBA_CACHE: dict[frozenset[str], jieba.Tokenizer] = {}
_FAST_CACHE: dict[frozenset[str], fastseg.FastSegmenter] = {}
_JIEBA_LOCK = threading.Lock()
# Segmentation without HMM goes through rjieba (fastseg: same words, ~20x faster) unless
# this is set; with it, jieba alone (the reference, and the benchmark's baseline).
JIEBA_ONLY_ENV = "RECOMMENDERS_JIEBA_ONLY"


def _jieba_for(user_terms: frozenset[str]) -> jieba.Tokenizer:
    """One private jieba instance per distinct lexicon per process (loading costs ~1 s)."""
    with _JIEBA_LOCK:
        seg = _JIEBA_CACHE.get(user_terms)
        if seg is None:
            seg = jieba.Tokenizer()
            seg.initialize()
            for term in sorted(user_terms):
                # A frequency above the default makes jieba prefer the whole term.
                seg.add_word(term, freq=max(seg.suggest_freq(term), 2000))
            _JIEBA_CACHE[user_terms] = seg
        return seg


def _fast_for(user_terms: frozenset[str]) -> fastseg.FastSegmenter:
    """The rjieba mirror of `_jieba_for(user_terms)`, built once per lexicon per process."""
    seg = _jieba_for(user_terms)
    with _JIEBA_LOCK:
        fast = _FAST_CACHE.get(user_terms)
        if fast is None:
            fast = _FAST_CACHE[user_terms] = fastseg.FastSegmenter(seg)
        return fast


def keep_word(word: str, stopwords: frozenset[str] = STOPWORDS) -> bool:
    """Whether a segmented word is a content term (not punctuation or a stop word)."""
    if word in stopwords:
        return False
    if _HAN_CHAR.search(word):
        return len(word) > 1 or word not in STOP_CHARS
    # Punctuation, emoji, symbols and lone letters/digits (units such as °c, mg/l) go;
    # numbers such as 316 or 600mm stay: dropping them measured worse (README).
    return len(word) >= 2 and _ASCII_TERM.match(word) is not None


class _Bigrams(dict[str, str]):
    """Two characters -> their interned bigram token (one string per bigram, built once)."""

    def __missing__(self, pair: str) -> str:
        token = self[pair] = intern(BIGRAM_PREFIX + pair)
        return token


_BIGRAMS = _Bigrams()


def _run_bigrams(runs: str) -> list[str]:
    """Character bigrams of each run of adjacent content words (across word boundaries);
    `runs` holds the runs separated by NUL.

    Leaving out the bigrams that merely repeat a two-character word was measured: it cut
    the commonest postings but lowered matchdev nDCG@10 from 0.948 to 0.929.
    """
    if len(_BIGRAMS) > 100_000:  # ~12 MiB of keys; real posts: ~70k distinct in 4,400 texts
        _BIGRAMS.clear()
    out: list[str] = []
    token = _BIGRAMS.__getitem__
    for run in runs.split("\x00"):
        if len(run) > 1:
            out.extend(map(token, map("".join, pairwise(run))))
    return out


class Tokenizer:
    """Turns text into matching terms: normalised jieba words plus character bigrams.

    `user_terms` (e.g. the chain lexicons) are added to a private jieba dictionary so that
    "碳化硅" or "功率模块" stay whole; `synonyms` maps a variant to its canonical term after
    segmentation (锂电池 -> 锂离子电池). Tokens are interned, so 100k cached token lists
    share one copy of each string.
    """

    def __init__(
        self,
        user_terms: Iterable[str] = (),
        synonyms: Mapping[str, str] | None = None,
        *,
        bigrams: bool = True,
        hmm: bool = False,
        chains: Sequence[Chain] = (),
        stopwords: frozenset[str] = STOPWORDS,
    ) -> None:
        terms = {normalize_text(t).strip() for t in user_terms}
        self.user_terms: frozenset[str] = frozenset(t for t in terms if t)
        self.synonyms: dict[str, str] = {
            normalize_text(k).strip(): normalize_text(v).strip() for k, v in (synonyms or {}).items()
        }
        # Synonym targets and sources must segment as one word to be mapped.
        self._dict_terms = frozenset(self.user_terms | set(self.synonyms) | set(self.synonyms.values()))
        self.bigrams = bigrams
        self.hmm = hmm
        self.chains: tuple[Chain, ...] = tuple(chains)
        self.stopwords = stopwords
        self._seg: jieba.Tokenizer | None = None
        self._cut: Callable[[str], list[str]] | None = None
        self._memo: dict[str, tuple[str | None, bool]] = {}

    @classmethod
    def from_chains_yaml(cls, path: str | Path, **kwargs: object) -> Tokenizer:
        """Tokenizer whose user dictionary is the chain lexicons plus the built-in domain terms."""

        chains = load_chains(path)
        terms = [t for c in chains for t in (c.name, *c.keywords)]
        return cls(
            [*terms, *DOMAIN_TERMS],
            DOMAIN_SYNONYMS,
            chains=chains,
            **kwargs,  # type: ignore[arg-type]
        )

    @property
    def fingerprint(self) -> str:
        """Stable stamp of everything that shapes the token stream.

        Store it beside cached tokens: when it changes (new lexicon, new stop words, new
        library version), cached tokens are stale and posts must be re-tokenised.
        """
        h = hashlib.blake2b(digest_size=10)
        h.update(f"tokenizer-v{TOKENIZER_VERSION}".encode())
        for part in (
            sorted(self.user_terms),
            sorted(self.synonyms.items()),
            sorted(self.stopwords),
            sorted(self.settings.items()),
        ):
            h.update(repr(part).encode())
            h.update(b"\x00")
        return h.hexdigest()

    @property
    def settings(self) -> dict[str, object]:
        """What changes the token stream; stored beside an index to detect mismatches."""
        return {"bigrams": self.bigrams, "hmm": self.hmm, "stopwords": len(self.stopwords)}

    def _segmenter(self) -> jieba.Tokenizer:
        if self._seg is None:
            self._seg = _jieba_for(self._dict_terms)
        return self._seg

    def _lcut(self, text: str) -> list[str]:
        """jieba's words of `text`; through rjieba when it gives the same words (no HMM)."""
        if self._cut is None:
            seg = self._segmenter()
            if self.hmm or not fastseg.available() or os.environ.get(JIEBA_ONLY_ENV):
                self._cut = lambda text: seg.lcut(text, HMM=self.hmm)
            else:
                self._cut = _fast_for(self._dict_terms).lcut
        return self._cut(text)

    def _classify(self, w: str) -> tuple[str | None, bool]:
        """(canonical token or None when dropped, is a Han word); memoised per tokenizer."""
        hit = self._memo.get(w)
        if hit is None:
            if keep_word(w, self.stopwords):
                hit = (intern(self.synonyms.get(w, w)), _HAN_CHAR.match(w) is not None)
            else:
                hit = (None, False)
            if len(self._memo) > 1_000_000:
                self._memo.clear()
            self._memo[w] = hit
        return hit

    def _segment(self, normalized: str) -> tuple[list[str], str]:
        """Content words, and the runs of adjacent content Han words joined by NUL (for
        bigrams: normalize_text turns every NUL of the input into a space)."""
        if not normalized:
            return [], ""
        cut = self._lcut(normalized)
        memo, classify = self._memo, self._classify
        # Comprehensions, not one loop with appends: this runs on every word indexed.
        hits = [memo.get(w) or classify(w) for w in cut]
        words = [tok for tok, _ in hits if tok is not None]
        # A Han word is always kept (see _classify); anything else ends a run.
        runs = "".join([w if han else "\x00" for w, (_, han) in zip(cut, hits, strict=True)])
        return words, runs

    def words(self, normalized: str) -> list[str]:
        """Content words of already-normalised text."""
        return self._segment(normalized)[0]

    def tokenize(self, text: str) -> list[str]:
        """Words then bigrams of one text (no field markers).

        Bigrams come from runs of adjacent content words, so boilerplate and stop words
        produce none and jieba runs only once.
        """
        words, runs = self._segment(normalize_text(text))
        if self.bigrams:
            words.extend(_run_bigrams(runs))
        return words

    def tokens(self, doc: Document) -> list[str]:
        """Field-marked token list of a document: what the app caches per post."""
        out: list[str] = []
        fields = (
            (TITLE, doc.title),
            (KEYWORDS, " ；".join(doc.keywords)),
            (DESCRIPTION, doc.description),
        )
        for marker, text in fields:
            toks = self.tokenize(text or "")
            if toks:
                out.append(marker)
                out.extend(toks)
        return out

    def query_words(self, text: str) -> list[tuple[str, str]]:
        """Content words of a search query as (token as indexed, text as typed, normalised).

        Single Han characters that jieba leaves side by side (a word it lacks: 动臂 -> 动 / 臂)
        are joined back into one word, so the query asks for the word, not for two loose
        characters; the index finds it through its character bigrams.
        """
        out: list[tuple[str, str]] = []
        loose = ""
        for w in self._lcut(normalize_text(text)):
            tok, han = self._classify(w)
            if tok is not None and han and len(w) == 1:
                loose += w
                continue
            if loose:
                out.append((loose, loose))
                loose = ""
            if tok is not None:
                out.append((tok, w))
        if loose:
            out.append((loose, loose))
        return out

    def is_word(self, term: str) -> bool:
        """Whether a normalised term is a whole word a reader would recognise: in jieba's
        dictionary (frequency > 0: the dictionary also lists bare prefixes with 0), a chain
        lexicon term, a domain term or synonym, or a kept ASCII term (IGBT, 316l)."""
        if term in self._dict_terms:
            return True
        if not _HAN_CHAR.search(term):
            return _ASCII_TERM.match(term) is not None
        return self._segmenter().FREQ.get(term, 0) > 0

    def display_terms(self, tokens: Iterable[str]) -> list[str]:
        """Only the human-readable words of a token list (no markers, no bigrams)."""
        return [t for t in tokens if t not in FIELD_MARKERS and not t.startswith(BIGRAM_PREFIX)]
