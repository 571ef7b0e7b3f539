"""Ablation over the bench sets: each design choice switched off (or varied) on its own.

`python -m recommenders ablation --bench ../shared/bench` prints the table quoted in the
README. Tokens are computed once per tokenizer variant and reused across settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .document import Document
from .evaluation import csl_task, evaluate_csl, evaluate_matching
from .io import read_documents, read_jsonl, read_qrels
from .lexicon import DOMAIN_SYNONYMS, DOMAIN_TERMS, load_chains
from .metrics import miss_ratio
from .stopwords import FUNCTION_WORDS
from .tokenizer import Tokenizer
from .weighting import Settings

SETS = ("matchdev", "matchhard")


@dataclass
class Bench:
    sets: dict[str, tuple[list[Document], list[Document], dict[str, dict[str, int]]]]
    distractors: list[Document]
    papers: list[dict]


def load_bench(root: Path) -> Bench:
    sets = {
        name: (
            read_documents(root / name / "challenges.jsonl"),
            read_documents(root / name / "capabilities.jsonl"),
            read_qrels(root / name / "qrels.tsv"),
        )
        for name in SETS
    }
    return Bench(sets, read_documents(root / "distractors.jsonl"), read_jsonl(root / "csl" / "papers.jsonl"))


def tokenizer_variants(lexicon: Path | None) -> dict[str, Callable[[], Tokenizer]]:
    chains = load_chains(lexicon) if lexicon else []
    terms = [t for c in chains for t in (c.name, *c.keywords)]

    def final(**kw: object) -> Tokenizer:
        return Tokenizer([*terms, *DOMAIN_TERMS], DOMAIN_SYNONYMS, chains=chains, **kw)  # type: ignore[arg-type]

    return {
        "final": final,
        "no chain lexicon / domain dictionary": lambda: Tokenizer(chains=chains),
        "function words only (no boilerplate list)": lambda: final(stopwords=FUNCTION_WORDS),
        "no stop words": lambda: final(stopwords=frozenset()),
        "jieba HMM on": lambda: final(hmm=True),
    }


def _tokens(tok: Tokenizer, bench: Bench) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, (ch, caps, _) in bench.sets.items():
        out[name] = {d.id: tok.tokens(d) for d in [*ch, *caps, *bench.distractors]}
    docs, qrels = csl_task(bench.papers)
    abstracts = {str(p["id"]): str(p["abstract"]) for p in bench.papers}
    out["csl"] = {
        "challenge": {d.id: tok.tokens(Document(d.id, "", abstracts[d.id])) for d in docs if d.id in qrels},
        "capability": {d.id: tok.tokens(Document(d.id, "", d.title + "。" + d.description)) for d in docs},
    }
    return out


def _measure(
    tok: Tokenizer, bench: Bench, st: Settings, tokens: Mapping[str, object], baselines: bool = False
) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name, (ch, caps, qrels) in bench.sets.items():
        res = evaluate_matching(tok, ch, caps, qrels, bench.distractors, st, baselines, tokens=tokens[name])  # type: ignore[arg-type]
        out[name] = {r.method: r.metrics["nDCG@10"] for r in res}
    res = evaluate_csl(tok, bench.papers, st, baselines, tokens=tokens["csl"])  # type: ignore[arg-type]
    out["csl"] = {r.method: r.metrics["nDCG@10"] for r in res}
    return out


def run_ablation(root: Path, lexicon: Path | None) -> str:
    bench = load_bench(root)
    final = Settings()
    setting_rows: list[tuple[str, Settings]] = [
        ("final", final),
        ("no latent rerank (lexical only; before)", replace(final, latent_rank=0)),
        ("latent rank 300, weight 0.2", replace(final, latent_rank=300, latent_weight=0.2)),
        ("latent weight 0.2", replace(final, latent_weight=0.2)),
        ("latent fitted on a 1,000-row sample", replace(final, latent_sample=1000)),
        ("words only (no character bigrams)", replace(final, bigram_share=0.0)),
        ("bigram share 0.2", replace(final, bigram_share=0.2)),
        ("bigram share 0.3", replace(final, bigram_share=0.3)),
        ("bigram share 0.5", replace(final, bigram_share=0.5)),
        ("bigram share 0.6", replace(final, bigram_share=0.6)),
        ("no chain bonus", replace(final, chain_bonus=0.0)),
        ("chain bonus 0.1", replace(final, chain_bonus=0.1)),
        ("chain bonus 0.5", replace(final, chain_bonus=0.5)),
        ("chain bonus once per pair, however many chains shared (before)", replace(final, chain_bonus_each=False)),
        ("title and keywords weight 2", replace(final, title_weight=2.0, keyword_weight=2.0)),
        ("raw tf (no sublinear)", replace(final, sublinear_tf=False)),
        ("IDF smooth, ln((1+N)/(1+df)) + 1 (scikit-learn; before)", replace(final, idf="smooth")),
        ("IDF plain, ln((1+N)/(1+df))", replace(final, idf="plain")),
    ]
    rows: list[tuple[str, dict[str, dict[str, float]]]] = []
    base: dict[str, dict[str, float]] = {}
    for vname, make in tokenizer_variants(lexicon).items():
        tok = make()
        tokens = _tokens(tok, bench)
        if vname == "final":
            for sname, st in setting_rows:
                m = _measure(tok, bench, st, tokens, baselines=not base)
                if not base:
                    base = m
                rows.append((sname, m))
        else:
            rows.append((vname, _measure(tok, bench, final, tokens)))
    lines = [
        "| variant | matchdev nDCG@10 (miss) | matchhard nDCG@10 (miss) | CSL nDCG@10 |",
        "|---|---|---|---|",
    ]
    for label, method, m in [("BM25 (bm25s)", "BM25", base), ("TF-IDF (sklearn)", "TF-IDF", base)] + [
        (name, "recommenders", m) for name, m in rows
    ]:
        cells = [label]
        for s in SETS:
            v = m[s][method]
            cells.append(f"{v:.4f} ({miss_ratio(v, base[s]['BM25']):.2f})")
        cells.append(f"{m['csl'][method]:.4f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
