"""The LSA rerank (latent.py): what it adds, and that it stays a frozen, saved part of the index."""

from __future__ import annotations

import pytest

from recommenders import Document, MatchIndex, Settings, Tokenizer

# Two topics whose words always co-occur, so a rank-2 basis separates them.
TOPIC_A = "芯片 功率 散热 封装"
TOPIC_B = "水稻 育种 基因 产量"
BACKGROUND = [Document(f"a{i}", "", TOPIC_A) for i in range(6)] + [Document(f"b{i}", "", TOPIC_B) for i in range(6)]
# Both candidates share only 检测 with the query, and are built alike, so their lexical
# scores tie; only d_a belongs to the query's topic.
CANDIDATES = [Document("d_a", "", "芯片 检测"), Document("d_b", "", "水稻 检测")]
QUERY = Document("q", "", "功率 散热 检测")


def _index(tokenizer: Tokenizer, settings: Settings) -> MatchIndex:
    return MatchIndex.build(tokenizer, [QUERY], [*BACKGROUND, *CANDIDATES], settings=settings)


def _scores(index: MatchIndex) -> dict[str, float]:
    return {r.id: r.score for r in index.rank_for("challenge", "q", k=20) if r.id.startswith("d_")}


def test_latent_term_prefers_the_candidate_on_the_query_topic(plain_tokenizer: Tokenizer) -> None:
    lexical = _scores(_index(plain_tokenizer, Settings(latent_rank=0)))
    assert lexical["d_a"] == pytest.approx(lexical["d_b"])  # a lexical tie
    latent = _scores(_index(plain_tokenizer, Settings(latent_rank=2)))
    assert latent["d_a"] > latent["d_b"]


def test_latent_off_is_the_lexical_index(plain_tokenizer: Tokenizer) -> None:
    index = _index(plain_tokenizer, Settings(latent_rank=0))
    assert index.latent is None
    with_model = _index(plain_tokenizer, Settings(latent_rank=2))
    with_model.set_latent(None)
    assert with_model.rank_for("challenge", "q", k=20) == index.rank_for("challenge", "q", k=20)


def test_model_is_frozen_and_part_of_the_version(plain_tokenizer: Tokenizer) -> None:
    index = _index(plain_tokenizer, Settings(latent_rank=2))
    before = index.sides["capability"].latent()[index.sides["capability"].pos["d_a"]].copy()
    for i in range(5):  # shifts every IDF; the model keeps the IDF it was fitted with
        index.upsert("capability", Document(f"n{i}", "", "检测 方法 " * (i + 1)))
    after = index.sides["capability"].latent()[index.sides["capability"].pos["d_a"]]
    assert (after == before).all()
    refit = MatchIndex.build(
        plain_tokenizer,
        [QUERY],
        [*BACKGROUND, *CANDIDATES, *(Document(f"n{i}", "", "检测 方法 " * (i + 1)) for i in range(5))],
        settings=Settings(latent_rank=2),
    )
    assert refit.latent is not None and refit.latent.stamp != index.latent.stamp  # type: ignore[union-attr]
    assert refit.version != index.version  # same documents, another model: processes must reload


def test_small_corpus_gets_no_model(plain_tokenizer: Tokenizer) -> None:
    index = MatchIndex.build(plain_tokenizer, [QUERY], [CANDIDATES[0]], settings=Settings(latent_rank=8))
    assert index.latent is None  # two rows: nothing to fit
    assert [r.id for r in index.rank_for("challenge", "q")] == ["d_a"]
