"""The full rebuild (nightly, `flask recommender-rebuild`, 后台任务 → 重建推荐索引), in steps that
commit as they go so a crash loses one chunk, not the night, and the next run resumes.

1. segment: posts whose cached tokens are missing or were made from other text or by another
   tokenizer are segmented again (jieba is most of the cost, so unchanged posts are skipped);
2. index: one index from the cached tokens, built side by side in chunks, latent model fitted;
3. challenges, then capabilities: each eligible post's top list, ranked against candidate sets
   read once, stored in bulk per chunk (match_rows.py); the capability pass leaves alone the
   rows the challenge pass just stored;
4. store the index as the newest artifact, refresh the planner's statistics (PostgreSQL).

Where it got to is kept in a Setting; a run started within RESUME_WITHIN of an unfinished one
with the same tokenizer carries on after the last committed chunk.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from threadpoolctl import threadpool_limits

from matchmaker.extensions import db
from matchmaker.matching import corpus, index_store, match_rows, ranking
from matchmaker.matching.documents import SIDES, eligible, other
from matchmaker.models import Setting
from recommenders import MatchIndex, Tokenizer

STATE_KEY = "matching.rebuild_state"
RESUME_WITHIN = timedelta(hours=6)
INDEX_CHUNK = 5000  # posts added to the index at a time (bounds the tokens held in memory)
STEPS = ("segment:challenge", "segment:capability", "match:challenge", "match:capability")
# Progress (percent) at the start of each step, and at its end.
SPAN = {
    "segment:challenge": (1, 20),
    "segment:capability": (20, 40),
    "index": (40, 45),
    "match:challenge": (45, 70),
    "match:capability": (70, 95),
}

Progress = Callable[[int, str], None]


@dataclass
class State:
    started: str
    fingerprint: str
    step: str = STEPS[0]
    after: int = 0  # last post id whose chunk is committed, in this step
    timings: dict[str, float] = field(default_factory=dict)

    def save(self) -> None:
        setting = db.session.get(Setting, STATE_KEY) or Setting(key=STATE_KEY)
        setting.value = self.__dict__.copy()
        db.session.add(setting)


def _resumable(tok: Tokenizer) -> State | None:
    setting = db.session.get(Setting, STATE_KEY)
    if setting is None or not isinstance(setting.value, dict):
        return None
    try:
        state = State(**setting.value)
        started = datetime.fromisoformat(state.started)
    except (TypeError, ValueError):
        return None
    if state.fingerprint != tok.fingerprint or datetime.now(UTC) - started > RESUME_WITHIN:
        return None
    return state if state.step in STEPS else None


def _commit() -> None:
    """End a chunk: its writes and the state that records them become durable together."""
    db.session.commit()


def _count(side: str, after: int = 0) -> int:
    model = SIDES[side]
    return db.session.scalar(sa.select(sa.func.count(model.id)).where(model.id > after)) or 0


def _segment(side: str, tok: Tokenizer, state: State, progress: Progress) -> int:
    step = f"segment:{side}"
    low, high = SPAN[step]
    total = max(_count(side), 1)
    done, segmented = total - _count(side, state.after), 0
    for chunk in corpus.rows(side, after=state.after):
        segmented += corpus.store_tokens(side, chunk, tok)
        state.after = chunk[-1].id
        state.save()
        _commit()
        done += len(chunk)
        progress(low + (high - low) * done // total, f"分词 {side} {done}/{total}")
    return segmented


def build_index(tok: Tokenizer, progress: Progress | None = None) -> MatchIndex:
    """The index of every post from the cached tokens (posts without any are segmented in memory)."""
    index = MatchIndex(tok)
    for side in SIDES:
        for chunk in corpus.rows(side, with_tokens=True, chunk=INDEX_CHUNK):
            tokens = {p.document.id: p.tokens for p in chunk if p.tokens is not None}
            index.add_many(side, [p.document for p in chunk], tokens)
    if progress:
        progress(42, "建立语义模型")
    # One BLAS thread: on a host whose cores are busy (web workers, other jobs) OpenBLAS threads
    # spin against each other; the SVD measured 3.4x slower with them on a loaded 2-core machine.
    with threadpool_limits(limits=1, user_api="blas"):
        index.set_latent(index.fit_latent())
    return index


def _match(
    side: str, index: MatchIndex, cands: dict[str, ranking.Candidates], state: State, progress: Progress
) -> match_rows.Counts:
    step = f"match:{side}"
    low, high = SPAN[step]
    own, theirs = cands[side], cands[other(side)]
    ids = sorted(own.org_of)
    todo = [i for i in ids if i > state.after]
    total, done = max(len(ids), 1), len(ids) - len(todo)
    counts = match_rows.Counts()

    def rank(post_id: int, explain: bool) -> list:
        return ranking.top_list(index, side, post_id, own.org_of[post_id], theirs, explain)

    for start in range(0, len(todo), corpus.CHUNK):
        chunk = todo[start : start + corpus.CHUNK]
        counts.add(
            match_rows.refresh(side, dict.fromkeys(chunk, True), rank, theirs.ids, fresh_other=side == "capability")
        )
        state.after = chunk[-1]
        state.save()
        _commit()
        done += len(chunk)
        progress(low + (high - low) * done // total, f"更新匹配 {side} {done}/{total}")
    return counts


def _analyze() -> None:
    """Fresh planner statistics after rewriting many rows (a PostgreSQL without autovacuum
    would otherwise plan the lists and pages for yesterday's table sizes)."""
    if db.engine.dialect.name == "postgresql":
        for name in ("matches", "challenges", "capabilities", "challenge_chains", "capability_chains"):
            db.session.execute(sa.text(f"ANALYZE {name}"))


def _prepare(tok: Tokenizer, progress: Progress, state: State) -> tuple[MatchIndex, dict[str, ranking.Candidates]]:
    """The index, the rows of posts no longer eligible dropped (one statement), candidate sets."""
    clock = time.perf_counter()
    progress(SPAN["index"][0], "建立索引")
    index = build_index(tok, progress)
    match_rows.drop_ineligible(eligible("challenge"), eligible("capability"))
    cands = {side: ranking.candidates(side) for side in SIDES}
    state.timings["index"] = round(time.perf_counter() - clock, 2)
    return index, cands


def rebuild(progress: Progress, finish: Callable[[MatchIndex, datetime, Tokenizer], str | None]) -> dict:
    """Run (or resume) the rebuild; `finish` stores the index and returns its version."""
    tok = index_store.tokenizer()
    state = _resumable(tok)
    resumed = state is not None
    if state is None:
        state = State(started=datetime.now(UTC).isoformat(), fingerprint=tok.fingerprint)
    started = datetime.fromisoformat(state.started)
    segmented = 0
    index: MatchIndex | None = None
    cands: dict[str, ranking.Candidates] = {}
    progress(1, "继续上次未完成的重建" if resumed else "分词")
    for step in STEPS[STEPS.index(state.step) :]:
        if step != state.step:
            state.step, state.after = step, 0
        kind, side = step.split(":")
        clock = time.perf_counter()
        if kind == "segment":
            segmented += _segment(side, tok, state, progress)
        else:
            if index is None:
                index, cands = _prepare(tok, progress, state)
                clock = time.perf_counter()
            counts = _match(side, index, cands, state, progress)
            state.timings[f"rows:{side}"] = counts.__dict__
        state.timings[step] = round(time.perf_counter() - clock, 2)
    assert index is not None  # the last step always runs
    progress(96, "保存索引")
    clock = time.perf_counter()
    version = finish(index, started, tok)
    db.session.execute(sa.delete(Setting).where(Setting.key == STATE_KEY))
    _commit()
    _analyze()
    _commit()
    state.timings["store"] = round(time.perf_counter() - clock, 2)
    progress(100, "完成")
    return {
        "challenges": len(index.ids("challenge")),
        "capabilities": len(index.ids("capability")),
        "version": version or index.version,
        "segmented": segmented,
        "resumed": resumed,
        "timings": state.timings,
    }
