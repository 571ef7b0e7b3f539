from __future__ import annotations

from recommenders import Document, MatchIndex, Tokenizer

from .conftest import CAPABILITIES, CHALLENGES


def test_suggest_from_lexicon_only(tokenizer: Tokenizer) -> None:
    idx = MatchIndex.build(tokenizer, [], [])
    sugg = idx.suggest_chains("碳纤维复合材料的热障涂层", k=3)
    assert sugg[0][0] == "materials"
    assert all(isinstance(c, str) and isinstance(s, float) for c, s in sugg)
    assert len(sugg) <= 3
    assert idx.suggest_chains("", k=3) == []


def test_suggest_uses_tagged_corpus(tokenizer: Tokenizer) -> None:
    idx = MatchIndex.build(tokenizer, CHALLENGES, CAPABILITIES)
    assert idx.suggest_chains("印染废水回用", k=1)[0][0] == "textiles"
    # A word absent from every lexicon is learned from tagged documents.
    idx.upsert("capability", Document("z1", "舰船推进", "船舶推进轴系振动", ("marine",)))
    idx.upsert("capability", Document("z2", "船舶减振", "船舶推进器噪声", ("marine",)))
    assert idx.suggest_chains("船舶推进", k=1)[0][0] == "marine"
