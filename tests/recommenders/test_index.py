from __future__ import annotations

import pytest

from recommenders import Document, MatchIndex, Ranked, Settings, Tokenizer
from recommenders.tokenizer import BIGRAM_PREFIX, FIELD_MARKERS

from .conftest import CAPABILITIES, CHALLENGES


@pytest.fixture()
def index(tokenizer: Tokenizer) -> MatchIndex:
    return MatchIndex.build(tokenizer, CHALLENGES, CAPABILITIES)


def all_scores(index: MatchIndex, side: str) -> dict[tuple[str, str], float]:
    out = {}
    for doc_id in index.ids(side):
        for r in index.rank_for(side, doc_id, k=100):
            out[(doc_id, r.id)] = r.score
    return out


def test_rank_for_both_directions(index: MatchIndex) -> None:
    top = index.rank_for("challenge", "c1", k=3)
    assert isinstance(top[0], Ranked)
    assert top[0].id == "p1"
    assert top[0].score > 0
    assert [r.score for r in top] == sorted((r.score for r in top), reverse=True)
    back = index.rank_for("capability", "p2", k=3)
    assert back[0].id == "c2"
    assert index.rank_for("challenge", "c3", k=1)[0].id == "p3"


def test_scores_symmetric(index: MatchIndex) -> None:
    fwd = {r.id: r.score for r in index.rank_for("challenge", "c1", k=10)}
    back = {r.id: r.score for r in index.rank_for("capability", "p1", k=10)}
    assert fwd["p1"] == pytest.approx(back["c1"], abs=1e-5)


def test_k_and_unknown(index: MatchIndex) -> None:
    assert len(index.rank_for("challenge", "c1", k=1)) == 1
    assert index.rank_for("challenge", "c1", k=0) == []
    with pytest.raises(KeyError):
        index.rank_for("challenge", "nope")
    with pytest.raises(ValueError):
        index.rank_for("firm", "c1")


def test_candidates_filter(index: MatchIndex) -> None:
    ranked = index.rank_for("challenge", "c1", k=10, candidates={"p4", "p2", "unknown"})
    assert {r.id for r in ranked} <= {"p4", "p2"}
    assert ranked and ranked[0].id == "p4"
    assert index.rank_for("challenge", "c1", candidates=set()) == []


def test_search(index: MatchIndex) -> None:
    hits = index.search("碳纤维钻孔分层", "capability", k=2)
    assert hits[0].id == "p3"
    assert "碳纤维" in hits[0].terms
    assert index.search("染色", "challenge", k=1)[0].id == "c2"
    assert index.search("", "capability") == []


def test_len_ids_version(index: MatchIndex, tokenizer: Tokenizer) -> None:
    assert len(index) == len(CHALLENGES) + len(CAPABILITIES)
    assert index.ids("capability") == [d.id for d in CAPABILITIES]
    v = index.version
    same = MatchIndex.build(tokenizer, list(reversed(CHALLENGES)), CAPABILITIES)
    assert same.version == v  # content stamp, order-independent
    index.upsert("capability", Document("p9", "新成果", "氢燃料电池"))
    assert index.version != v
    index.remove("capability", "p9")
    assert index.version == v


def test_incremental_equals_full_refit(tokenizer: Tokenizer) -> None:
    inc = MatchIndex.build(tokenizer, CHALLENGES[:1], CAPABILITIES[:2])
    for d in CHALLENGES[1:]:
        inc.upsert("challenge", d)
    for d in CAPABILITIES[2:]:
        inc.upsert("capability", d)
    extra = Document("p6", "临时", "碳化硅涂层", ("materials",))
    inc.upsert("capability", extra)
    changed = Document("p1", "碳化硅功率模块封装", "双面散热封装降低热阻，碳化硅器件。", ("new-energy",))
    inc.upsert("capability", changed)  # replace
    assert inc.remove("capability", "p6")
    assert not inc.remove("capability", "p6")
    final_caps = [changed if d.id == "p1" else d for d in CAPABILITIES]
    # The latent model is fitted at a full build and then frozen: same model, same index.
    full = MatchIndex.build(tokenizer, CHALLENGES, final_caps, latent=inc.latent)
    for side in ("challenge", "capability"):
        a, b = all_scores(inc, side), all_scores(full, side)
        assert a.keys() == b.keys()
        for key in a:
            assert a[key] == pytest.approx(b[key], abs=1e-5)
    assert inc.version == full.version
    assert inc.ids("capability") == ["p2", "p3", "p4", "p5", "p1"]


def test_many_upserts_merge_pending(tokenizer: Tokenizer) -> None:
    """Past the pending threshold rows are merged; scores still match a full build."""
    docs = [Document(f"x{i}", f"碳化硅模块{i}", "散热 封装 " * (i % 5 + 1)) for i in range(600)]
    inc = MatchIndex.build(tokenizer, CHALLENGES, [])
    for d in docs:
        inc.upsert("capability", d)
    full = MatchIndex.build(tokenizer, CHALLENGES, docs, latent=inc.latent)
    a = inc.rank_for("challenge", "c1", k=20)
    b = full.rank_for("challenge", "c1", k=20)
    assert [r.score for r in a] == pytest.approx([r.score for r in b], abs=1e-5)


def test_rebuild_from_cached_tokens(tokenizer: Tokenizer) -> None:
    cached = {d.id: tokenizer.tokens(d) for d in [*CHALLENGES, *CAPABILITIES]}
    a = MatchIndex.build(tokenizer, CHALLENGES, CAPABILITIES)
    b = MatchIndex.build(tokenizer, CHALLENGES, CAPABILITIES, tokens=cached)
    assert a.rank_for("challenge", "c2") == b.rank_for("challenge", "c2")
    assert a.version == b.version


def test_chain_bonus(tokenizer: Tokenizer) -> None:
    ch = [Document("c", "轴承磨损修复", "轴承磨损", ("equipment",))]
    caps = [
        Document("same", "轴承磨损", "轴承磨损检测", ("equipment",)),
        Document("other", "轴承磨损", "轴承磨损检测", ("marine",)),
        Document("strong", "轴承磨损修复", "轴承磨损修复", ("marine",)),
    ]
    plain = MatchIndex.build(tokenizer, ch, caps, settings=Settings(chain_bonus=0.0))
    bonus = MatchIndex.build(tokenizer, ch, caps, settings=Settings(chain_bonus=0.3))
    p = {r.id: r.score for r in plain.rank_for("challenge", "c")}
    b = {r.id: r.score for r in bonus.rank_for("challenge", "c")}
    assert p["same"] == pytest.approx(p["other"])
    assert b["same"] == pytest.approx(p["same"] * 1.3, rel=1e-5)
    assert b["other"] == pytest.approx(p["other"], rel=1e-5)
    # A strong cross-chain match still comes first.
    assert bonus.rank_for("challenge", "c")[0].id == "strong"


def test_chain_bonus_grows_with_each_shared_chain(tokenizer: Tokenizer) -> None:
    """Two shared chains are stronger evidence than one: x(1 + 2 * bonus), in both directions."""
    ch = [Document("c", "轴承磨损修复", "轴承磨损", ("equipment", "materials"))]
    caps = [
        Document("two", "轴承磨损", "轴承磨损检测", ("materials", "equipment")),
        Document("one", "轴承磨损", "轴承磨损检测", ("equipment", "marine")),
        Document("none", "轴承磨损", "轴承磨损检测", ("marine",)),
    ]
    index = MatchIndex.build(tokenizer, ch, caps, settings=Settings(chain_bonus=0.3))
    s = {r.id: r.score for r in index.rank_for("challenge", "c")}
    assert s["one"] == pytest.approx(s["none"] * 1.3, rel=1e-5)
    assert s["two"] == pytest.approx(s["none"] * 1.6, rel=1e-5)
    back = {r.id: r.score for r in index.rank_for("capability", "two")}
    assert back["c"] == pytest.approx(s["two"], rel=1e-5)


def test_explanation_terms_are_shared_words(index: MatchIndex, tokenizer: Tokenizer) -> None:
    byid = {d.id: d for d in [*CHALLENGES, *CAPABILITIES]}
    for r in index.rank_for("challenge", "c1", k=5):
        assert r.terms, r
        q = set(tokenizer.tokens(byid["c1"]))
        d = set(tokenizer.tokens(byid[r.id]))
        for t in r.terms:
            assert not t.startswith(BIGRAM_PREFIX) and t not in FIELD_MARKERS
            assert len(t) >= 2
            grams = {BIGRAM_PREFIX + t[i : i + 2] for i in range(len(t) - 1)}
            if t in q:  # a query word: it, or all of its bigrams, is in the doc
                assert t in d or grams <= d
            else:  # two single characters shown as their shared bigram
                assert grams <= q and grams <= d
    top = index.rank_for("challenge", "c1", k=1)[0]
    assert top.terms[0] in {"碳化硅", "功率模块", "散热"}


def test_duplicate_ids_rejected(tokenizer: Tokenizer) -> None:
    with pytest.raises(ValueError):
        MatchIndex.build(tokenizer, [CHALLENGES[0], CHALLENGES[0]], CAPABILITIES)


def test_empty_index(tokenizer: Tokenizer) -> None:
    idx = MatchIndex.build(tokenizer, [], [])
    assert len(idx) == 0
    assert idx.search("碳化硅", "capability") == []
    idx.upsert("capability", CAPABILITIES[0])
    assert idx.search("碳化硅", "capability")[0].id == "p1"


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_single_block_settings(tokenizer: Tokenizer, share: float) -> None:
    idx = MatchIndex.build(tokenizer, CHALLENGES, CAPABILITIES, settings=Settings(bigram_share=share))
    top = idx.rank_for("challenge", "c1", k=3)
    assert top[0].id == "p1"
    assert all(0 < r.score < 10 for r in top)


def test_explanation_joins_single_characters_only_into_dictionary_words() -> None:
    """jieba (HMM off) splits 运维, which its dictionary lacks, into 运/维. The pair scores (its
    bigram is shared) but is shown only when it is a dictionary word (issue 17: cross-word
    fragments such as 水回 were shown the same way)."""
    tok = Tokenizer()  # its own: is_word is replaced below
    assert "运维" not in tok.tokenize("风电运维") and not tok.is_word("运维")
    ch = [Document("c", "风电场运维成本高", "海上风电运维船调度")]
    caps = [Document("p", "风电运维优化", "运维调度与风电预测")]
    idx = MatchIndex.build(tok, ch, caps)
    (best,) = idx.rank_for("challenge", "c")
    assert "运维" not in best.terms and all(len(t) >= 2 for t in best.terms)
    tok.is_word = lambda term: term == "运维"  # type: ignore[method-assign]  # as if the dictionary had it
    (again,) = idx.rank_for("challenge", "c")
    assert "运维" in again.terms and again.score == best.score


def test_bare_numbers_rank_but_are_not_shown_as_explanation_terms():
    from recommenders import Document, MatchIndex, Tokenizer

    tok = Tokenizer()
    index = MatchIndex.build(
        tok,
        [Document("c", "轴承寿命", "轴承寿命提高60%，工作温度600")],
        [Document("p", "轴承寿命延长", "轴承寿命延长60%，试验温度600"), Document("q", "无关", "纺织印染节水")],
    )
    (best,) = index.rank_for("challenge", "c", k=1)
    assert best.id == "p" and "轴承" in best.terms
    assert not any(term.isdigit() for term in best.terms)
