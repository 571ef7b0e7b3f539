"""Safe pruning (heavy columns scored by bound) returns exactly the unpruned top k."""

from __future__ import annotations

import numpy as np
import pytest

from recommenders import Document, MatchIndex, Tokenizer, scoring
from recommenders.tokenizer import BIGRAM_PREFIX


def _corpus(n_caps: int, n_ch: int, seed: int = 7) -> tuple[list[Document], list[Document], dict]:
    """Zipf-like synthetic token lists: a few very common terms (heavy) and a long tail."""
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(3000)]
    grams = [f"{BIGRAM_PREFIX}g{i}" for i in range(3000)]
    p = 1.0 / np.arange(1, 3001) ** 1.1
    p /= p.sum()
    chains = ["a", "b", "c"]
    tokens: dict[str, list[str]] = {}
    docs: dict[str, list[Document]] = {"p": [], "c": []}
    for prefix, n in (("p", n_caps), ("c", n_ch)):
        for i in range(n):
            doc_id = f"{prefix}{i}"
            k = int(rng.integers(5, 40))
            toks = [words[j] for j in rng.choice(3000, size=k, p=p)]
            toks += [grams[j] for j in rng.choice(3000, size=2 * k, p=p)]
            tokens[doc_id] = toks
            docs[prefix].append(Document(doc_id, "", chains=(chains[i % 3],)))
    return docs["c"], docs["p"], tokens


def _all(index: MatchIndex, ids: list[str], side: str, **kw: object) -> list[list[tuple[str, float]]]:
    return [[(r.id, r.score) for r in index.rank_for(side, i, **kw)] for i in ids]  # type: ignore[arg-type]


def test_pruned_equals_exhaustive(tokenizer: Tokenizer, monkeypatch: pytest.MonkeyPatch) -> None:
    ch, caps, tokens = _corpus(3000, 60)
    pruned = MatchIndex.build(tokenizer, ch, caps, tokens=tokens)
    scorer = pruned._scorer("capability")
    assert scorer.heavy.any() and scorer.heavy_norm is not None  # the pruned path is taken
    monkeypatch.setattr(scoring, "PRUNE_MIN_ROWS", 10**9)
    full = MatchIndex.build(tokenizer, ch, caps, tokens=tokens)
    assert not full._scorer("capability").heavy.any()
    qs = [d.id for d in ch]
    allowed = {d.id for d in caps[::4]}
    for kw in ({"k": 10}, {"k": 1}, {"k": 50}, {"k": 10, "candidates": allowed}):
        a, b = _all(pruned, qs, "challenge", **kw), _all(full, qs, "challenge", **kw)
        assert [[i for i, _ in r] for r in a] == [[i for i, _ in r] for r in b]
        assert np.allclose([s for r in a for _, s in r], [s for r in b for _, s in r], atol=1e-6)


@pytest.mark.parametrize("row_cost", [0.0, 1e12], ids=["bound-then-rescore", "heavy-lists-added"])
def test_each_exact_path_equals_exhaustive(
    tokenizer: Tokenizer, monkeypatch: pytest.MonkeyPatch, row_cost: float
) -> None:
    """The scorer picks the cheaper of two exact paths by cost; each alone gives the exhaustive top k."""
    ch, caps, tokens = _corpus(3000, 40, seed=11)
    pruned = MatchIndex.build(tokenizer, ch, caps, tokens=tokens)
    scorer = pruned._scorer("capability")
    scorer.row_nnz = row_cost  # 0: rows look free, so always bound + rescore; huge: always add lists
    taken = []
    real = scoring.SideScorer._all_exact
    monkeypatch.setattr(scoring.SideScorer, "_all_exact", lambda *a: taken.append(1) or real(*a))
    monkeypatch.setattr(scoring, "PRUNE_MIN_ROWS", 10**9)
    full = MatchIndex.build(tokenizer, ch, caps, tokens=tokens)
    qs = [d.id for d in ch]
    for kw in ({"k": 10}, {"k": 10, "candidates": {d.id for d in caps[::3]}}):
        a, b = _all(pruned, qs, "challenge", **kw), _all(full, qs, "challenge", **kw)
        assert [[i for i, _ in r] for r in a] == [[i for i, _ in r] for r in b]
        assert np.allclose([s for r in a for _, s in r], [s for r in b for _, s in r], atol=1e-6)
    assert bool(taken) == (row_cost > 0)


def test_pruned_with_pending_and_removals(tokenizer: Tokenizer) -> None:
    ch, caps, tokens = _corpus(2600, 20, seed=3)
    index = MatchIndex.build(tokenizer, ch, caps[:2500], tokens=tokens)
    for d in caps[2500:]:
        index.upsert("capability", d, tokens=tokens[d.id])
    for d in caps[:40]:
        index.remove("capability", d.id)
    rebuilt = MatchIndex.build(tokenizer, ch, caps[40:], tokens=tokens, latent=index.latent)
    qs = [d.id for d in ch]
    a, b = _all(index, qs, "challenge"), _all(rebuilt, qs, "challenge")
    assert [[i for i, _ in r] for r in a] == [[i for i, _ in r] for r in b]
    assert np.allclose([s for r in a for _, s in r], [s for r in b for _, s in r], atol=1e-5)


def test_candidate_mask_cache_follows_changes(tokenizer: Tokenizer) -> None:
    from .conftest import CAPABILITIES, CHALLENGES

    index = MatchIndex.build(tokenizer, CHALLENGES, CAPABILITIES)
    allowed = frozenset({"p1", "p2"})
    assert index.rank_for("challenge", "c1", candidates=allowed)[0].id == "p1"
    assert index.rank_for("challenge", "c1", candidates=set(allowed))[0].id == "p1"  # cached
    index.remove("capability", "p1")
    assert "p1" not in {r.id for r in index.rank_for("challenge", "c1", candidates=allowed)}
    index.upsert("capability", CAPABILITIES[0])
    assert index.rank_for("challenge", "c1", candidates=allowed)[0].id == "p1"


def test_explain_false_same_ranking(tokenizer: Tokenizer) -> None:
    from .conftest import CAPABILITIES, CHALLENGES

    index = MatchIndex.build(tokenizer, CHALLENGES, CAPABILITIES)
    full = index.rank_for("challenge", "c1", k=5)
    bare = index.rank_for("challenge", "c1", k=5, explain=False)
    assert [(r.id, r.score) for r in bare] == [(r.id, r.score) for r in full]
    assert all(r.terms == [] for r in bare) and full[0].terms
    assert [r.id for r in index.search("碳纤维钻孔", "capability", explain=False)][:1] == ["p3"]
