"""The recommender's text handling under any text: random Unicode, control characters, lone
surrogates, empty and very long strings. Tokenizing, indexing, ranking, searching and chain
suggestions must answer (finite scores, best first, known ids) and never raise."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recommenders.document import Document
from recommenders.index import MatchIndex
from recommenders.tokenizer import Tokenizer
from tests.fuzz.conftest import examples

CHAINS_YAML = Path(__file__).resolve().parents[2] / "seed_data" / "chains.yaml"
# Any code point, lone surrogates and control characters included, with Chinese well represented.
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=300) | st.text(
    st.sampled_from("锂离子电池回收湿法冶金浸出数控机床热误差补偿焊缝检测\x00\x1f\u200b\ufeff \n\t、，。ABCabc123"),
    max_size=300,
)
HUGE_TEXT = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=20), st.integers(500, 1500))

FIXED = [
    Document("1", "退役锂离子电池湿法回收", "锂回收率低，酸耗高", ("new-energy",), ("锂离子电池", "回收")),
    Document("2", "数控机床主轴热误差补偿", "热变形影响加工精度", ("equipment",), ("数控机床", "热误差")),
]
CAPABILITIES = [
    Document("10", "选择性浸出提锂工艺", "湿法冶金回收锂离子电池正极材料", ("new-energy",), ("浸出", "回收")),
    Document("11", "机床热误差建模与实时补偿", "温度场测量与神经网络建模", ("equipment",), ("热误差",)),
]


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer.from_chains_yaml(CHAINS_YAML)


def _index(tokenizer: Tokenizer) -> MatchIndex:
    index = MatchIndex(tokenizer)
    index.add_many("challenge", FIXED)
    index.add_many("capability", CAPABILITIES)
    return index


def _well_formed(ranked, ids: set[str]) -> None:
    scores = [r.score for r in ranked]
    assert all(math.isfinite(s) for s in scores), scores
    assert scores == sorted(scores, reverse=True)
    assert {r.id for r in ranked} <= ids
    assert all(isinstance(t, str) and t for r in ranked for t in r.terms)


@given(text=ANY_TEXT | HUGE_TEXT)
@settings(max_examples=examples(80))
def test_tokenizing_any_text_gives_words(tokenizer, text: str) -> None:
    tokens = tokenizer.tokenize(text)
    assert all(isinstance(t, str) and t.strip() for t in tokens)
    assert tokenizer.tokenize(text) == tokens  # deterministic


@given(query=ANY_TEXT, chains=st.lists(st.sampled_from(["it", "equipment", "new-energy", "nonsense", ""])))
@settings(max_examples=examples(60))
def test_search_and_suggestions_answer_any_query(tokenizer, query: str, chains: list[str]) -> None:
    index = _index(tokenizer)
    _well_formed(index.search(query, "capability", k=5, chains=chains), {d.id for d in CAPABILITIES})
    suggestions = index.suggest_chains(query, k=3)
    assert len(suggestions) <= 3
    assert all(math.isfinite(score) for _code, score in suggestions)


@given(title=ANY_TEXT, description=ANY_TEXT | HUGE_TEXT, keywords=st.lists(ANY_TEXT, max_size=6))
@settings(max_examples=examples(30))
def test_a_post_with_any_text_is_indexed_and_ranked(tokenizer, title: str, description: str, keywords) -> None:
    index = _index(tokenizer)
    post = Document("99", title, description, ("equipment",), tuple(keywords))
    index.upsert("challenge", post)
    _well_formed(index.rank_for("challenge", "99", k=5), {d.id for d in CAPABILITIES})
    # Updating it again with other text keeps the index answering for every post.
    index.upsert("challenge", Document("99", description[:50], title, ("it",), ()))
    for doc in CAPABILITIES:
        _well_formed(index.rank_for("capability", doc.id, k=5), {d.id for d in FIXED} | {"99"})
