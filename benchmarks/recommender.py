"""Speed benchmark: recommenders.MatchIndex against bm25s in the same run.

    python -m benchmarks.recommender            # 10k and 100k capabilities (several minutes)
    python -m benchmarks.recommender --quick    # 10k only, smaller rank job (about a minute)

Prints markdown tables (ours, bm25s, ratio). Synthetic corpora come from benchmarks.synth
(deterministic). bm25s indexes the same jieba words as ours minus the character bigrams;
tokenisation is timed separately and, end to end, in the `rank` command comparison.
"""

from __future__ import annotations

import argparse
import gc
import logging
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from recommenders import Document, MatchIndex, Settings, Tokenizer
from recommenders.baselines import top_k
from recommenders.cli import make_tokenizer
from recommenders.tokenizer import BIGRAM_PREFIX, FIELD_MARKERS, JIEBA_ONLY_ENV

from .synth import documents, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
_TOK: Tokenizer | None = None


def _init_worker() -> None:
    global _TOK
    logging.getLogger("jieba").setLevel(logging.WARNING)
    if _TOK is None:
        _TOK = make_tokenizer(None)
        _TOK.tokenize("预热")  # load jieba and rjieba once, before any fork


def _tokens(doc: Document) -> list[str]:
    assert _TOK is not None
    return _TOK.tokens(doc)


def tokenize_all(docs: Sequence[Document], jobs: int) -> list[list[str]]:
    """Tokens of every document; with jobs > 1 in forked workers that inherit the loaded
    tokenizer (reloading it per worker cost more than rjieba's whole segmentation)."""
    _init_worker()
    if jobs <= 1:
        return [_tokens(d) for d in docs]
    with mp.get_context("fork").Pool(jobs) as pool:
        return pool.map(_tokens, docs, chunksize=256)


def words_only(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in FIELD_MARKERS and not t.startswith(BIGRAM_PREFIX)]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def peak_mib(fn: Callable[[], object]) -> float:
    """Peak memory allocated while `fn` runs (tracemalloc sees numpy/scipy buffers too)."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak / 2**20


def rss_hwm_mib() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class BM25:
    """bm25s over word tokens; scores + top-k like MatchIndex.rank_for does."""

    def __init__(self, corpus: list[list[str]]) -> None:
        import bm25s

        self.r = bm25s.BM25()
        self.r.index(corpus, show_progress=False)
        self.n = len(corpus)

    def top(self, query: list[str], k: int = 10) -> list[int]:
        ids = self.r.get_tokens_ids(query)
        if not ids:
            return []
        return top_k(np.asarray(self.r.get_scores_from_ids(ids), dtype=np.float64), k)


def lat(fn: Callable[[str], object], ids: list[str]) -> list[float]:
    """Seconds each call of `fn` took, one per id."""
    out = []
    for i in ids:
        t0 = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - t0)
    return out


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs) * 1000, q))


def row(name: str, ours: float, theirs: float | None, unit: str) -> str:
    if theirs is None or theirs != theirs:
        return f"| {name} | {ours:.3g} {unit} | — | — |"
    ratio = ours / theirs if theirs else float("inf")
    return f"| {name} | {ours:.3g} {unit} | {theirs:.3g} {unit} | {ratio:.2f} |"


def bench_size(n_caps: int, n_ch: int, n_queries: int, jobs: int, settings: Settings) -> list[str]:
    tokenizer = make_tokenizer(None)
    tokenizer.tokenize("预热")  # load jieba before anything is timed
    caps = list(documents("capability", n_caps))
    chs = list(documents("challenge", n_ch))
    t_tok, toks = timed(lambda: tokenize_all([*chs, *caps], jobs))
    cache = {d.id: t for d, t in zip([*chs, *caps], toks, strict=True)}  # type: ignore[arg-type]

    def build(**kw: object) -> MatchIndex:
        return MatchIndex.build(tokenizer, chs, caps, tokens=cache, settings=settings, **kw)  # type: ignore[arg-type]

    # Ours first, alone in the process (tokens, jieba, the index), so that the RSS readings
    # are what a rebuild process holds; bm25s and its word lists come after.
    t_ours, index = timed(build)
    assert isinstance(index, MatchIndex)
    rss_after_build = rss_hwm_mib()

    rng = np.random.default_rng(1)
    qs = [chs[i].id for i in rng.choice(len(chs), size=min(n_queries, len(chs)), replace=False)]
    ps = [caps[i].id for i in rng.choice(len(caps), size=min(n_queries, len(caps)), replace=False)]
    index.rank_for("challenge", qs[0])  # warm caches (idf, norms, csc)
    index.rank_for("capability", ps[0])

    fwd = lat(lambda i: index.rank_for("challenge", i, k=10), qs)
    rev = lat(lambda i: index.rank_for("capability", i, k=10), ps)
    rev_nx = lat(lambda i: index.rank_for("capability", i, k=10, explain=False), ps)
    fwd_nx = lat(lambda i: index.rank_for("challenge", i, k=10, explain=False), qs)
    batch_ids = [d.id for d in chs[:1000]]
    t_batch, _ = timed(lambda: [index.rank_for("challenge", i, k=10) for i in batch_ids])

    extra = list(documents("capability", 100, seed=99, prefix="new"))
    extra_toks = [tokenizer.tokens(d) for d in extra]
    upserts, firsts = [], []
    for d, t in zip(extra, extra_toks, strict=True):
        t0 = time.perf_counter()
        index.upsert("capability", d, tokens=t)
        t1 = time.perf_counter()
        index.rank_for("challenge", qs[0], k=10)
        t2 = time.perf_counter()
        upserts.append(t1 - t0)
        firsts.append(t2 - t1)
    rss_after_queries = rss_hwm_mib()
    t_fit, model = timed(index.fit_latent)
    index = None  # type: ignore[assignment]
    t_reuse, _ = timed(lambda: build(latent=model))

    cap_words = [words_only(cache[d.id]) for d in caps]
    ch_words = [words_only(cache[d.id]) for d in chs]
    pos_ch = {d.id: i for i, d in enumerate(chs)}
    pos_cap = {d.id: i for i, d in enumerate(caps)}
    t_bm, bm = timed(lambda: BM25(cap_words))
    assert isinstance(bm, BM25)
    bm_rev = BM25(ch_words)
    fwd_bm = lat(lambda i: bm.top(ch_words[pos_ch[i]]), qs)
    rev_bm = lat(lambda i: bm_rev.top(cap_words[pos_cap[i]]), ps)
    t_batch_bm, _ = timed(lambda: [bm.top(ch_words[pos_ch[i]]) for i in batch_ids])
    bm = bm_rev = None  # type: ignore[assignment]  # free before measuring memory
    mem_ours = peak_mib(build)
    mem_bm = peak_mib(lambda: BM25(cap_words))
    strings = {id(s): sys.getsizeof(s) for t in toks for s in t}  # type: ignore[union-attr]
    tok_mib = (sum(strings.values()) + sum(sys.getsizeof(t) for t in toks)) / 2**20  # type: ignore[union-attr]

    n = f"{n_caps // 1000}k"
    return [
        f"### {n} capabilities x {n_ch} challenges",
        "",
        "| measure | recommenders | bm25s | ratio |",
        "|---|---|---|---|",
        f"| tokenise all docs, jieba ({jobs} processes) | {t_tok:.1f} s | (same jieba words) | — |",
        row("build / rebuild from cached tokens, latent model fitted anew", t_ours, t_bm, "s"),
        row("rebuild from cached tokens reusing the latent model", t_reuse, t_bm, "s"),
        row("latent model fit alone (included in the first row)", t_fit, None, "s"),
        row("peak memory allocated by the build", mem_ours, mem_bm, "MiB"),
        f"| process peak RSS after build (incl. {tok_mib:.0f} MiB cached tokens) | {rss_after_build:.0f} MiB | — | — |",
        f"| process peak RSS after the queries and adds (scoring matrices built) "
        f"| {rss_after_queries:.0f} MiB | — | — |",
        row("top-10 challenge->capabilities p50", pct(fwd, 50), pct(fwd_bm, 50), "ms"),
        row("top-10 challenge->capabilities p99", pct(fwd, 99), pct(fwd_bm, 99), "ms"),
        row("top-10 capability->challenges p50", pct(rev, 50), pct(rev_bm, 50), "ms"),
        row("top-10 capability->challenges p99", pct(rev, 99), pct(rev_bm, 99), "ms"),
        row(
            "without explanations (explain=False): challenge->capabilities p50", pct(fwd_nx, 50), pct(fwd_bm, 50), "ms"
        ),
        row("without explanations (explain=False): capability->challenges p50", pct(rev_nx, 50), pct(rev_bm, 50), "ms"),
        row(f"batch: {len(batch_ids)} challenges ranked", t_batch, t_batch_bm, "s"),
        row("incremental add (upsert one doc), mean", float(np.mean(upserts)) * 1000, t_bm * 1000, "ms"),
        row("first query after an add (lazy norm refresh), mean", float(np.mean(firsts)) * 1000, None, "ms"),
        "",
        "(incremental add: bm25s has no incremental update; its column is a full re-index.)",
        "",
    ]


def bench_reverse(n_ch: int, n_caps: int, n_queries: int, jobs: int) -> list[str]:
    """capability -> challenges when the challenge side is the large one.

    bench_size's reverse direction queries a 1,000-row side, where the explanation's fixed
    cost (~0.2 ms a query) dominates; this measures the same direction at scale.
    """
    tokenizer = make_tokenizer(None)
    chs = list(documents("challenge", n_ch, seed=11))
    caps = list(documents("capability", n_caps, seed=11))
    toks = tokenize_all([*chs, *caps], jobs)
    cache = {d.id: t for d, t in zip([*chs, *caps], toks, strict=True)}
    index = MatchIndex.build(tokenizer, chs, caps, tokens=cache)
    bm = BM25([words_only(cache[d.id]) for d in chs])
    rng = np.random.default_rng(2)
    ps = [caps[i].id for i in rng.choice(len(caps), size=min(n_queries, len(caps)), replace=False)]
    index.rank_for("capability", ps[0])  # warm caches
    words = {i: words_only(cache[i]) for i in ps}

    rev = lat(lambda i: index.rank_for("capability", i, k=10), ps)
    rev_bm = lat(lambda i: bm.top(words[i]), ps)
    return [
        f"### capability -> challenges against {n_ch // 1000}k challenges ({n_caps} capabilities)",
        "",
        "| measure | recommenders | bm25s | ratio |",
        "|---|---|---|---|",
        row("top-10 capability->challenges p50 (with explanations)", pct(rev, 50), pct(rev_bm, 50), "ms"),
        row("top-10 capability->challenges p99 (with explanations)", pct(rev, 99), pct(rev_bm, 99), "ms"),
        "",
    ]


def bench_rank(n_caps: int, n_ch: int, repeats: int = 3) -> list[str]:
    """The `rank` command end to end against bm25s + jieba, and against itself with jieba alone
    (RECOMMENDERS_JIEBA_ONLY: the segmentation before rjieba), all in this run.

    The three jobs run in turn, `repeats` rounds; each reports its best wall time and its
    best CPU time (user + system of the child): on a shared machine the wall time of one run
    swings with the other processes' load, the minimum and the CPU time far less.
    """
    runs = (
        ("recommenders", "recommenders", {}),
        ("recommenders, jieba only", "recommenders", {JIEBA_ONLY_ENV: "1"}),
        ("bm25s", "benchmarks.bm25_rank", {}),
    )
    wall: dict[str, list[float]] = {name: [] for name, _, _ in runs}
    cpu: dict[str, list[float]] = {name: [] for name, _, _ in runs}
    outputs: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        c = write_jsonl(documents("challenge", n_ch, seed=3), Path(tmp) / "c.jsonl")
        p = write_jsonl(documents("capability", n_caps, seed=3), Path(tmp) / "p.jsonl")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop(JIEBA_ONLY_ENV, None)
        for _ in range(repeats):
            for name, mod, extra in runs:
                cmd = [sys.executable, "-m", mod] + (["rank"] if mod == "recommenders" else [])
                cmd += ["--challenges", str(c), "--capabilities", str(p), "--top", "10"]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                done = subprocess.run(cmd, check=True, env={**env, **extra}, cwd=ROOT, stdout=subprocess.PIPE)
                wall[name].append(time.perf_counter() - t0)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                outputs[name] = done.stdout
    same = "identical" if outputs["recommenders"] == outputs["recommenders, jieba only"] else "DIFFERENT"
    ours, old, bm = "recommenders", "recommenders, jieba only", "bm25s"
    return [
        f"### `rank` command end to end: {n_caps // 1000}k capabilities x {n_ch} challenges (best of {repeats})",
        "",
        "| measure | recommenders | bm25s | ratio |",
        "|---|---|---|---|",
        row("wall time (segment both sides, index, rank, JSON out)", min(wall[ours]), min(wall[bm]), "s"),
        row("CPU time, same job", min(cpu[ours]), min(cpu[bm]), "s"),
        row("wall time, jieba only (no rjieba)", min(wall[old]), min(wall[bm]), "s"),
        row("CPU time, jieba only (no rjieba)", min(cpu[old]), min(cpu[bm]), "s"),
        "",
        f"(output with and without rjieba: {same}; all wall times: "
        + "; ".join(f"{k} " + ", ".join(f"{t:.1f}" for t in v) for k, v in wall.items())
        + ")",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    logging.getLogger("jieba").setLevel(logging.WARNING)
    ap = argparse.ArgumentParser(prog="python -m benchmarks.recommender", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="10k only and a 5k x 200 rank job")
    ap.add_argument("--sizes", type=int, nargs="*", help="capability counts (default 10k 100k)")
    ap.add_argument("--challenges", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=200, help="latency samples per direction")
    ap.add_argument("--jobs", type=int, default=1, help="tokenising processes (2 measured slower)")
    ap.add_argument("--skip-rank", action="store_true")
    ap.add_argument("--lexical-only", action="store_true", help="latent rerank off, to compare (size tables only)")
    args = ap.parse_args(argv)
    sizes = args.sizes or ([10_000] if args.quick else [10_000, 100_000])
    print(f"# recommenders speed benchmark ({os.cpu_count()} CPUs, numpy {np.__version__})\n")
    for n in sizes:
        settings = Settings(latent_rank=0) if args.lexical_only else Settings()
        print("\n".join(bench_size(n, args.challenges, args.queries, args.jobs, settings)), flush=True)
        print("\n".join(bench_reverse(n, args.challenges, args.queries, args.jobs)), flush=True)
    if not args.skip_rank:
        caps, ch = (5_000, 200) if args.quick else (20_000, 500)
        print("\n".join(bench_rank(caps, ch)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
