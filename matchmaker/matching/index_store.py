"""The recommender index each process serves from.

The newest IndexArtifact row (saved by a rebuild or a compaction) is the base; on top of it a
process applies the posts changed since that artifact was made, read with their cached tokens.
So an edit is visible to every web process and worker on every host without rewriting the
artifact, and a process reloads the base whenever a newer artifact appears.
"""

from __future__ import annotations

import hashlib
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from matchmaker.extensions import db
from matchmaker.matching import corpus
from matchmaker.matching.documents import SIDES
from matchmaker.models import Chain, IndexArtifact
from recommenders import Document, IndexFormatError, MatchIndex, Tokenizer
from recommenders.lexicon import DOMAIN_SYNONYMS, DOMAIN_TERMS
from recommenders.lexicon import Chain as LexiconChain

KEEP_ARTIFACTS = 3
# Re-read a little before the high-water mark: clocks of different hosts disagree slightly,
# and re-applying a post is idempotent.
CLOCK_SLACK = timedelta(seconds=120)


@dataclass
class _Loaded:
    index: MatchIndex
    artifact_id: int | None
    synced_until: datetime
    checked_at: float
    lexicon_key: str
    # Posts applied within the clock slack, with the updated_at applied: re-read next time, but
    # applied again only if they changed (re-applying clears the index's caches).
    applied: dict[tuple[str, int], datetime] = field(default_factory=dict)


_lock = threading.RLock()
_loaded: _Loaded | None = None
_tokenizers: dict[str, Tokenizer] = {}
# Per index: the tokens key each post was last applied with, so an unchanged post is not applied again.
_applied_keys: weakref.WeakKeyDictionary[MatchIndex, dict[tuple[str, str], str]] = weakref.WeakKeyDictionary()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _lexicon() -> tuple[str, list[LexiconChain]]:
    chains = db.session.scalars(sa.select(Chain).order_by(Chain.sort_order)).all()
    lexicon = [LexiconChain(code=c.code, name=c.name, keywords=tuple(c.keywords or ())) for c in chains]
    key = hashlib.sha1(repr([(c.code, c.name, c.keywords) for c in lexicon]).encode()).hexdigest()
    return key, lexicon


def tokenizer(lexicon: tuple[str, list[LexiconChain]] | None = None) -> Tokenizer:
    """One tokenizer per lexicon (chains are data; an edited lexicon gives a new tokenizer)."""
    key, lexicon = lexicon or _lexicon()
    if key not in _tokenizers:
        terms = [t for c in lexicon for t in (c.name, *c.keywords)]
        _tokenizers.clear()
        _tokenizers[key] = Tokenizer([*terms, *DOMAIN_TERMS], DOMAIN_SYNONYMS, chains=lexicon)
    return _tokenizers[key]


def _latest_artifact_id() -> int | None:
    return db.session.scalar(sa.select(sa.func.max(IndexArtifact.id)))


def _fresh_index(tok: Tokenizer) -> MatchIndex:
    """Build from the database when no artifact exists yet (posts without cached tokens are
    tokenized in memory; the refresh task stores them)."""
    index = MatchIndex(tok)
    for side in SIDES:
        for rows in corpus.rows(side, with_tokens=True):
            index.add_many(side, [r.document for r in rows], {r.document.id: r.tokens for r in rows if r.tokens})
    index.set_latent(index.fit_latent())
    return index


def apply(index: MatchIndex, side: str, doc: Document, tokens: list[str] | None, key: str | None) -> bool:
    """Put a post into the index unless it is there with the same tokens key already; True if applied."""
    seen = _applied_keys.setdefault(index, {})
    if key is not None and seen.get((side, doc.id)) == key and (side, doc.id) in index:
        return False
    index.upsert(side, doc, tokens)
    if key is not None:
        seen[(side, doc.id)] = key
    return True


def _apply_changes(state: _Loaded) -> int:
    """Apply the posts changed since the high-water mark (less the clock slack). The mark moves
    to the newest change seen; a post re-read within the slack is applied again only if its
    updated_at moved."""
    since = state.synced_until - CLOCK_SLACK
    newest = state.synced_until
    applied = 0
    for side, model in SIDES.items():
        changed = db.session.execute(
            sa.select(model.id, model.updated_at).where(model.updated_at > since, model.tokens.is_not(None))
        ).all()
        todo = []
        for post_id, updated_at in changed:
            moment = _aware(updated_at)
            newest = max(newest, moment)
            if state.applied.get((side, post_id)) != moment:
                todo.append(post_id)
                state.applied[(side, post_id)] = moment
        for rows in corpus.rows(side, ids=todo, with_tokens=True):
            for row in rows:
                applied += apply(state.index, side, row.document, row.tokens, row.tokens_key)
    state.synced_until = newest
    horizon = newest - CLOCK_SLACK
    state.applied = {key: moment for key, moment in state.applied.items() if moment > horizon}
    return applied


@contextmanager
def using(force: bool = False) -> Iterator[MatchIndex]:
    """The index for the length of a query or an update. A sync or an add changes the index in
    place, so a query running meanwhile in another thread could read it half-changed (seen: a
    shape mismatch, once a crash in scipy); one thread at a time per process holds it."""
    with _lock:
        yield current_index(force)


def current_index(force: bool = False) -> MatchIndex:
    """The index, synced with the database at most every RECOMMENDER_SYNC_SECONDS."""
    global _loaded
    with _lock:
        now = time.monotonic()
        interval = current_app.config.get("RECOMMENDER_SYNC_SECONDS", 2.0)
        if _loaded is not None and not force and now - _loaded.checked_at < interval:
            return _loaded.index
        lexicon = _lexicon()
        latest = _latest_artifact_id()
        if _loaded is None or _loaded.artifact_id != latest or _loaded.lexicon_key != lexicon[0]:
            _loaded = _load(latest, lexicon)
        _apply_changes(_loaded)
        _loaded.checked_at = now
        return _loaded.index


def _load(artifact_id: int | None, lexicon: tuple[str, list[LexiconChain]]) -> _Loaded:
    tok = tokenizer(lexicon)
    if artifact_id is None:
        return _Loaded(_fresh_index(tok), None, datetime.now(UTC), 0.0, lexicon[0])
    artifact = db.session.get(IndexArtifact, artifact_id)
    try:
        index = MatchIndex.from_bytes(artifact.data, tok)
    except IndexFormatError as error:
        # Saved by an older library version: serve an index built from the database until
        # the rebuild (`recommender-rebuild --if-needed`, the nightly task) stores a new one.
        current_app.logger.warning("index artifact %s unreadable (%s); building from the database", artifact.id, error)
        return _Loaded(_fresh_index(tok), artifact.id, datetime.now(UTC), 0.0, lexicon[0])
    return _Loaded(index, artifact.id, _aware(artifact.created_at), 0.0, lexicon[0])


def save_artifact(index: MatchIndex) -> IndexArtifact | None:
    """Store the index as the newest artifact (in the caller's transaction); None if the
    newest stored one already has this content. Older artifacts beyond KEEP_ARTIFACTS go."""
    latest = db.session.get(IndexArtifact, _latest_artifact_id() or 0)
    if latest is not None and latest.version == index.version:
        return None
    artifact = IndexArtifact(
        version=index.version,
        data=index.to_bytes(),
        challenges=len(index.ids("challenge")),
        capabilities=len(index.ids("capability")),
    )
    db.session.add(artifact)
    db.session.flush()
    stale = db.session.scalars(
        sa.select(IndexArtifact.id).order_by(IndexArtifact.id.desc()).offset(KEEP_ARTIFACTS)
    ).all()
    if stale:
        db.session.execute(sa.delete(IndexArtifact).where(IndexArtifact.id.in_(stale)))
    return artifact


def reset() -> None:
    """Forget the loaded index (tests; after a rebuild in this process)."""
    global _loaded
    with _lock:
        _loaded = None
