"""Bench tasks: challenge->capability matching (with distractors) and CSL csl-related.

Each task ranks with this library and, in the same run, with the protocol's baselines,
and returns metric rows ready to print.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .baselines import BM25Baseline, TfidfBaseline, baseline_tokens, doc_text, top_k
from .document import Document
from .index import MatchIndex
from .metrics import summarize
from .tokenizer import Tokenizer
from .weighting import Settings

Runs = dict[str, list[str]]


@dataclass
class Result:
    """Metrics of one method on one task."""

    method: str
    metrics: dict[str, float]


def run_baselines(
    queries: Sequence[tuple[str, str]],
    corpus: Sequence[tuple[str, str]],
    exclude_self: bool = False,
    k: int = 10,
    token_fn: Callable[[str], list[str]] = baseline_tokens,
) -> dict[str, Runs]:
    """BM25 and TF-IDF runs for (id, text) queries against (id, text) documents."""
    corpus_tokens = [token_fn(t) for _, t in corpus]
    token_cache = {cid: toks for (cid, _), toks in zip(corpus, corpus_tokens, strict=True)}
    ids = [cid for cid, _ in corpus]
    pos = {cid: i for i, cid in enumerate(ids)}
    runs: dict[str, Runs] = {}
    for name, cls in (("BM25", BM25Baseline), ("TF-IDF", TfidfBaseline)):
        model = cls(corpus_tokens)
        run: Runs = {}
        for qid, text in queries:
            qt = token_cache[qid] if (exclude_self and qid in token_cache) else token_fn(text)
            ex = pos.get(qid) if exclude_self else None
            run[qid] = [ids[i] for i in top_k(model.scores(qt), k, ex)]
        runs[name] = run
    return runs


def evaluate_matching(
    tokenizer: Tokenizer,
    challenges: Sequence[Document],
    capabilities: Sequence[Document],
    qrels: Mapping[str, Mapping[str, int]],
    distractors: Sequence[Document] = (),
    settings: Settings | None = None,
    baselines: bool = True,
    tokens: Mapping[str, list[str]] | None = None,
) -> list[Result]:
    """The bench protocol: rank every challenge against capabilities + distractors."""
    corpus = [*capabilities, *distractors]
    index = MatchIndex.build(tokenizer, challenges, corpus, tokens=tokens, settings=settings)
    ours: Runs = {c.id: [r.id for r in index.rank_for("challenge", c.id, k=10)] for c in challenges}
    results = [Result("recommenders", summarize(ours, qrels))]
    if baselines:
        runs = run_baselines([(c.id, doc_text(c)) for c in challenges], [(d.id, doc_text(d)) for d in corpus])
        results += [Result(name, summarize(run, qrels)) for name, run in runs.items()]
    return results


def csl_task(papers: Sequence[Mapping[str, object]]) -> tuple[list[Document], dict[str, dict[str, int]]]:
    """Documents (title + "。" + abstract, no keywords) and qrels of the csl-related task."""
    docs = []
    by_kw: dict[str, set[str]] = {}
    kws: dict[str, set[str]] = {}
    for p in papers:
        pid = str(p["id"])
        docs.append(Document(id=pid, title=str(p["title"]), description=str(p["abstract"])))
        kws[pid] = set(p.get("keywords") or ())  # type: ignore[arg-type]
        for kw in kws[pid]:
            by_kw.setdefault(kw, set()).add(pid)
    qrels: dict[str, dict[str, int]] = {}
    for pid, mine in kws.items():
        shared: dict[str, int] = {}
        for kw in mine:
            for other in by_kw[kw]:
                if other != pid:
                    shared[other] = shared.get(other, 0) + 1
        if shared:
            qrels[pid] = {o: min(n, 2) for o, n in shared.items()}
    return docs, qrels


def evaluate_csl(
    tokenizer: Tokenizer,
    papers: Sequence[Mapping[str, object]],
    settings: Settings | None = None,
    baselines: bool = True,
    tokens: Mapping[str, Mapping[str, list[str]]] | None = None,
) -> list[Result]:
    """csl-related: each query is a paper's abstract; the corpus is every paper (self excluded).

    The query text is the abstract only, so the query is a separate document from the
    paper's own corpus entry (title + "。" + abstract), which is excluded from the ranking.
    """
    docs, qrels = csl_task(papers)
    abstracts = {str(p["id"]): str(p["abstract"]) for p in papers}
    # Queries live on the challenge side, the corpus on the capability side.
    queries = [Document(id=d.id, title="", description=abstracts[d.id]) for d in docs if d.id in qrels]
    corpus = [Document(id=d.id, title="", description=d.title + "。" + d.description) for d in docs]
    # Query and corpus entries share ids, so cached tokens are keyed by side.
    if tokens is None:
        index = MatchIndex.build(tokenizer, queries, corpus, settings=settings)
    else:
        index = MatchIndex(tokenizer, settings)
        index._bulk_add("challenge", queries, tokens["challenge"])
        index._bulk_add("capability", corpus, tokens["capability"])
        index.set_latent(index.fit_latent())  # as build() does
    ours: Runs = {}
    for q in queries:
        ranked = index.rank_for("challenge", q.id, k=11)
        ours[q.id] = [r.id for r in ranked if r.id != q.id][:10]
    results = [Result("recommenders", summarize(ours, qrels))]
    if baselines:
        runs = _csl_baselines(queries, corpus)
        results += [Result(name, summarize(run, qrels)) for name, run in runs.items()]
    return results


def _csl_baselines(queries: Sequence[Document], corpus: Sequence[Document]) -> dict[str, Runs]:
    corpus_tokens = [baseline_tokens(d.description) for d in corpus]
    pos = {d.id: i for i, d in enumerate(corpus)}
    runs: dict[str, Runs] = {}
    for name, cls in (("BM25", BM25Baseline), ("TF-IDF", TfidfBaseline)):
        model = cls(corpus_tokens)
        runs[name] = {
            q.id: [corpus[i].id for i in top_k(model.scores(baseline_tokens(q.description)), 10, pos[q.id])]
            for q in queries
        }
    return runs


def chain_accuracy(tokenizer: Tokenizer, train: Sequence[Document], docs: Sequence[Document]) -> dict[str, float]:
    """suggest_chains on each doc's title + description (its own tags never indexed).

    `train` documents are indexed (capability side) as the tagged corpus; with none, only
    the lexicons speak. Returns top-1 = primary, primary within top 3, top-1 in any tag.
    """
    index = MatchIndex.build(tokenizer, [], [d for d in train if d.id not in {x.id for x in docs}])
    top1 = top3 = anytag = 0
    for d in docs:
        sugg = [c for c, _ in index.suggest_chains(d.title + "\n" + d.description, k=3)]
        primary = d.chains[0]
        top1 += bool(sugg) and sugg[0] == primary
        top3 += primary in sugg
        anytag += bool(sugg) and sugg[0] in d.chains
    n = max(len(docs), 1)
    return {"top1=primary": top1 / n, "primary in top3": top3 / n, "top1 in chains": anytag / n}
