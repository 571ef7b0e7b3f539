"""Explanations show whole words only (issue 17, item 4), on the demo data and the shared bench.

A term is accepted when it is in jieba's own dictionary, a chain-lexicon or domain term, a
keyword of one of the two posts, or a kept ASCII term (IGBT, 316l). Before the fix the
explanations held cross-word fragments such as 耗降 and 道焊 (a bigram whose two characters
jieba happened to leave alone somewhere in the text).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import jieba
import pytest

from benchmarks.search import demo_documents
from recommenders import Document, MatchIndex, Tokenizer
from recommenders.io import read_documents
from recommenders.lexicon import DOMAIN_SYNONYMS, DOMAIN_TERMS, load_chains
from recommenders.normalize import normalize_text

ROOT = Path(__file__).resolve().parents[2]
CHAINS_YAML = ROOT / "seed_data" / "chains.yaml"
MATCHDEV = ROOT.parent / "shared" / "bench" / "matchdev"
ASCII_TERM = re.compile(r"^[a-z0-9][a-z0-9+#.\-]*$")


def _known_words() -> set[str]:
    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.dt.initialize()
    words = {w for w, f in jieba.dt.FREQ.items() if f > 0}
    lexicon = [t for c in load_chains(CHAINS_YAML) for t in (c.name, *c.keywords)]
    extra = [*lexicon, *DOMAIN_TERMS, *DOMAIN_SYNONYMS, *DOMAIN_SYNONYMS.values()]
    return words | {normalize_text(t).strip() for t in extra}


def _not_words(challenges: list[Document], capabilities: list[Document]) -> tuple[int, list[str]]:
    """(terms shown, the ones that are not whole words) over every post's top 10, both ways."""
    tok = Tokenizer.from_chains_yaml(CHAINS_YAML)
    index = MatchIndex.build(tok, challenges, capabilities)
    known = _known_words()
    docs = {("challenge", d.id): d for d in challenges} | {("capability", d.id): d for d in capabilities}
    shown, bad = 0, []
    for side, other in (("challenge", "capability"), ("capability", "challenge")):
        for doc_id in index.ids(side):
            for ranked in index.rank_for(side, doc_id, k=10):
                keywords = docs[(side, doc_id)].keywords + docs[(other, ranked.id)].keywords
                allowed = known | {normalize_text(k).strip() for k in keywords}
                for term in ranked.terms:
                    shown += 1
                    if term not in allowed and not ASCII_TERM.match(term):
                        bad.append(term)
    return shown, bad


def test_demo_explanations_are_whole_words():
    docs = demo_documents()
    shown, bad = _not_words(docs["challenge"], docs["capability"])
    assert shown > 5000  # the demo's explanations were computed, not skipped
    assert bad == []


@pytest.mark.skipif(not MATCHDEV.exists(), reason="the shared bench is not checked out beside the project")
def test_matchdev_explanations_are_whole_words():
    challenges = read_documents(MATCHDEV / "challenges.jsonl")
    capabilities = read_documents(MATCHDEV / "capabilities.jsonl")
    shown, bad = _not_words(challenges, capabilities)
    assert shown > 1000
    assert bad == []


def test_is_word_knows_dictionary_lexicon_and_ascii_terms():
    tok = Tokenizer(["功率模块"])
    assert tok.is_word("功率模块") and tok.is_word("回用") and tok.is_word("igbt")
    assert not tok.is_word("水回") and not tok.is_word("轮修") and not tok.is_word("性差")
