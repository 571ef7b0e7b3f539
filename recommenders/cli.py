"""Command line: `python -m recommenders {rank,evaluate,csl,chain-accuracy,ablation}`.

`rank` is a stable contract: JSON lines in, one JSON line per query document out, in
input order; bad input exits with status 2 and a one-line message naming file and line.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from threadpoolctl import threadpool_limits

from .document import Document
from .index import MatchIndex
from .io import InputError, read_documents, read_jsonl, read_qrels
from .metrics import miss_ratio
from .tokenizer import Tokenizer

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LEXICON = REPO_ROOT / "seed_data" / "chains.yaml"


def make_tokenizer(lexicon: str | None) -> Tokenizer:
    """Tokenizer with the chain lexicons: --lexicon, else the repo's seed_data if present."""
    if lexicon:
        path = Path(lexicon)
        if not path.is_file():
            raise InputError(f"{path}: lexicon file not found")
        return Tokenizer.from_chains_yaml(path)
    if DEFAULT_LEXICON.is_file():
        return Tokenizer.from_chains_yaml(DEFAULT_LEXICON)
    return Tokenizer()


def cmd_rank(args: argparse.Namespace) -> int:
    challenges = read_documents(args.challenges)
    capabilities = read_documents(args.capabilities)
    if args.top < 1:
        raise InputError("--top must be at least 1")
    # One BLAS thread for the latent fit, as the app's rebuild does: on a busy 2-core host
    # OpenBLAS's threads spin against each other (20k x 500: fit 0.7-0.9 s, 9.6-13.8 s with two).
    with threadpool_limits(limits=1, user_api="blas"):
        index = MatchIndex.build(make_tokenizer(args.lexicon), challenges, capabilities)
    side, queries = ("capability", capabilities) if args.reverse else ("challenge", challenges)
    out = sys.stdout
    for doc in queries:
        ranked = index.rank_for(side, doc.id, k=args.top)
        row = {
            "id": doc.id,
            "ranked": [{"id": r.id, "score": r.score, "terms": r.terms} for r in ranked],
        }
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    out.flush()
    return 0


def _table(
    title: str,
    rows: Sequence[tuple[str, dict[str, float]]],
    cols: Sequence[str],
    baseline: str = "BM25",
    label: str = "method",
) -> str:
    base = dict(rows).get(baseline, {}).get("nDCG@10")
    head = [label, *cols] + (["miss ratio"] if base is not None else [])
    lines = [f"### {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, m in rows:
        cells = [name, *(f"{m[c]:.4f}" for c in cols)]
        if base is not None:
            cells.append(f"{miss_ratio(m['nDCG@10'], base):.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate_matching

    t0 = time.perf_counter()
    challenges = read_documents(args.challenges)
    capabilities = read_documents(args.capabilities)
    qrels = read_qrels(args.qrels)
    distractors = read_documents(args.distractors) if args.distractors else []
    results = evaluate_matching(make_tokenizer(args.lexicon), challenges, capabilities, qrels, distractors)
    title = (
        f"{Path(args.challenges).parent.name}: {len(challenges)} challenges x "
        f"{len(capabilities)} capabilities + {len(distractors)} distractors"
    )
    print(_table(title, [(r.method, r.metrics) for r in results], ("nDCG@10", "P@5", "R@10", "MRR")))
    print(f"\n({time.perf_counter() - t0:.1f} s)")
    return 0


def cmd_csl(args: argparse.Namespace) -> int:
    from .evaluation import evaluate_csl

    t0 = time.perf_counter()
    papers = read_jsonl(args.papers)
    results = evaluate_csl(make_tokenizer(args.lexicon), papers)
    print(_table("CSL csl-related", [(r.method, r.metrics) for r in results], ("nDCG@10", "P@10")))
    print(f"\n({time.perf_counter() - t0:.1f} s)")
    return 0


def cmd_chain_accuracy(args: argparse.Namespace) -> int:
    from .evaluation import chain_accuracy

    tokenizer = make_tokenizer(args.lexicon)
    train: list[Document] = []
    for path in args.train or ():
        train.extend(read_documents(path))
    rows = []
    for path in args.docs:
        docs = [d for d in read_documents(path) if d.chains]
        acc = chain_accuracy(tokenizer, train, docs)
        rows.append((f"{Path(path).parent.name}/{Path(path).name} ({len(docs)})", acc))
    print(
        _table(
            "chain suggestion (title + description)",
            rows,
            ("top1=primary", "primary in top3", "top1 in chains"),
            baseline="",
            label="documents",
        )
    )
    return 0


def cmd_ablation(args: argparse.Namespace) -> int:
    from .ablation import run_ablation

    lexicon = Path(args.lexicon) if args.lexicon else (DEFAULT_LEXICON if DEFAULT_LEXICON.is_file() else None)
    print(run_ablation(Path(args.bench), lexicon))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m recommenders", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("rank", help="rank capabilities for each challenge (JSON lines out)")
    r.add_argument("--challenges", required=True)
    r.add_argument("--capabilities", required=True)
    r.add_argument("--top", type=int, default=10)
    r.add_argument("--reverse", action="store_true", help="rank challenges for each capability")
    r.add_argument("--lexicon", help=f"chains YAML (default: {DEFAULT_LEXICON} if present)")
    r.set_defaults(func=cmd_rank)

    e = sub.add_parser("evaluate", help="nDCG@10, P@5, R@10, MRR vs BM25 and TF-IDF")
    e.add_argument("--challenges", required=True)
    e.add_argument("--capabilities", required=True)
    e.add_argument("--qrels", required=True)
    e.add_argument("--distractors")
    e.add_argument("--lexicon")
    e.set_defaults(func=cmd_evaluate)

    c = sub.add_parser("csl", help="CSL csl-related task vs BM25 and TF-IDF")
    c.add_argument("--papers", required=True)
    c.add_argument("--lexicon")
    c.set_defaults(func=cmd_csl)

    a = sub.add_parser("chain-accuracy", help="accuracy of suggest_chains on chain-tagged docs")
    a.add_argument("--docs", nargs="+", required=True, help="JSON-lines docs with chains")
    a.add_argument("--train", nargs="*", help="tagged docs indexed as the corpus (optional)")
    a.add_argument("--lexicon")
    a.set_defaults(func=cmd_chain_accuracy)

    b = sub.add_parser("ablation", help="nDCG@10 of each design choice on the bench sets")
    b.add_argument("--bench", required=True, help="folder holding matchdev/ matchhard/ csl/")
    b.add_argument("--lexicon")
    b.set_defaults(func=cmd_ablation)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    logging.getLogger("jieba").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
