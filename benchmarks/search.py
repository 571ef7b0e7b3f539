"""Keyword search on the list pages, measured on a labelled set over the demo data.

    python -m benchmarks.search                # quality: the set in benchmarks/search_set.yaml
    python -m benchmarks.search --scale 10000  # plus query time at 10k + 10k synthetic posts

Builds the recommender index from seed_data/ as the app does (listed posts only: drafts are
not on the lists) and runs every query two ways:
- before: the old list search, `MatchIndex.search` (TF-IDF cosine + latent rerank, every post
  with a positive score, up to 500) — kept here for comparison only;
- after: `recommenders.keyword_search.keyword_search`, what the lists use now.

Figures (markdown):
- P@10: expected posts among the first 10 results / the number of results shown there (up to
  10), over the queries that have expected posts; a query returning nothing counts 0;
- R@10: expected posts among the first 10 / expected posts;
- wrong first hit: queries whose first result is not expected (for a query with nothing
  expected: any result), over all queries;
- no result: queries with expected posts that returned nothing;
- results: mean number of results per query.
"""

from __future__ import annotations

import argparse
import glob
import logging
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from recommenders import Document, MatchIndex, Tokenizer
from recommenders.keyword_search import keyword_search

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "benchmarks" / "search_set.yaml"
LISTED = {"challenge": {"published", "in_review", "contracted", "closed"}, "capability": {"published"}}
TEXT = {"challenge": ("problem", "indicators", "goal"), "capability": ("description", "applications")}
FOLDER = {"challenge": "challenges", "capability": "capabilities"}

Search = Callable[[MatchIndex, str, str], list[str]]


def demo_documents() -> dict[str, list[Document]]:
    """The listed demo posts as the app indexes them (matchmaker/matching/documents.py)."""
    out: dict[str, list[Document]] = {}
    for side, folder in FOLDER.items():
        docs = []
        for path in sorted(glob.glob(str(ROOT / "seed_data" / folder / "*.yaml"))):
            for d in yaml.safe_load(Path(path).read_text(encoding="utf-8")):
                if d.get("status", "published") not in LISTED[side]:
                    continue
                text = "\n".join(d[f] for f in TEXT[side])
                docs.append(Document(d["key"], d["title"], text, tuple(d["chains"]), tuple(d.get("keywords") or ())))
        out[side] = docs
    return out


def demo_index() -> MatchIndex:
    logging.getLogger("jieba").setLevel(logging.WARNING)
    docs = demo_documents()
    tok = Tokenizer.from_chains_yaml(ROOT / "seed_data" / "chains.yaml")
    return MatchIndex.build(tok, docs["challenge"], docs["capability"])


def before(index: MatchIndex, text: str, side: str) -> list[str]:
    """The search the lists used before issue 17: every post with a positive cosine."""
    return [r.id for r in index.search(text.strip()[:200], side, k=500, explain=False)]


def after(index: MatchIndex, text: str, side: str) -> list[str]:
    return [h.id for h in keyword_search(index, text, side, k=500).hits]


def load_set(path: Path = SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def score(index: MatchIndex, search: Search, queries: list[dict]) -> dict[str, float]:
    precision, recall, wrong, empty, counts = [], [], 0, 0, []
    for q in queries:
        got = search(index, q["q"], q["side"])
        expected = set(q["expected"])
        counts.append(len(got))
        top = got[:10]
        if expected:
            hits = sum(1 for i in top if i in expected)
            precision.append(hits / len(top) if top else 0.0)
            recall.append(hits / len(expected))
            empty += not got
            wrong += bool(got) and got[0] not in expected
        else:
            wrong += bool(got)
    return {
        "P@10": statistics.mean(precision),
        "R@10": statistics.mean(recall),
        "wrong first hit": wrong / len(queries),
        "no result": empty / len(queries),
        "results": statistics.mean(counts),
    }


def report(queries: list[dict], index: MatchIndex) -> None:
    rows = {"before (cosine, all positive)": score(index, before, queries), "after": score(index, after, queries)}
    names = list(next(iter(rows.values())))
    print(f"{len(queries)} queries ({sum(1 for q in queries if not q['expected'])} with nothing expected)\n")
    print("| search | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for label, figures in rows.items():
        cells = [f"{figures[n]:.1f}" if n == "results" else f"{figures[n]:.3f}" for n in names]
        print(f"| {label} | " + " | ".join(cells) + " |")


def timing(n: int) -> None:
    """Median query time of both searches over the set's queries at n + n synthetic posts."""
    from benchmarks.synth import documents

    tok = Tokenizer.from_chains_yaml(ROOT / "seed_data" / "chains.yaml")
    index = MatchIndex.build(tok, list(documents("challenge", n)), list(documents("capability", n)))
    queries = [q["q"] for q in load_set()] + ["锂电池回收", "数控机床 热误差", "碳化硅 功率模块 散热"]
    print(f"\nquery time at {n} + {n} synthetic posts (median of {len(queries)} queries x 2 sides, ms):\n")
    for label, search in (("before", before), ("after", after)):
        for side in ("challenge", "capability"):
            search(index, queries[0], side)  # warm the caches a change leaves empty
        times = []
        for q in queries:
            for side in ("challenge", "capability"):
                t0 = time.perf_counter()
                search(index, q, side)
                times.append((time.perf_counter() - t0) * 1000)
        print(f"- {label}: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=0, help="also time both searches at N + N synthetic posts")
    args = parser.parse_args()
    report(load_set(), demo_index())
    if args.scale:
        timing(args.scale)


if __name__ == "__main__":
    main()
