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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.matching.documents import SIDES, to_document
from matchmaker.models import Chain, IndexArtifact
from recommenders import IndexFormatError, MatchIndex, Tokenizer
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


_lock = threading.RLock()
_loaded: _Loaded | None = None
_tokenizers: dict[str, Tokenizer] = {}


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


def _posts(side: str, since: datetime | None) -> list:
    model = SIDES[side]
    query = sa.select(model).options(selectinload(model.chains)).where(model.tokens.is_not(None))
    if since is not None:
        query = query.where(model.updated_at > since)
    return list(db.session.scalars(query))


def _fresh_index(tok: Tokenizer) -> MatchIndex:
    """Build from the database when no artifact exists yet (posts without cached tokens are
    tokenized in memory; the refresh task stores them)."""
    index = MatchIndex(tok)
    for side, model in SIDES.items():
        for post in db.session.scalars(sa.select(model).options(selectinload(model.chains))):
            index.upsert(side, to_document(post), post.tokens or None)
    index.set_latent(index.fit_latent())
    return index


def _apply_changes(state: _Loaded) -> None:
    since = state.synced_until - CLOCK_SLACK
    newest = state.synced_until
    for side in SIDES:
        for post in _posts(side, since):
            state.index.upsert(side, to_document(post), post.tokens)
            newest = max(newest, _aware(post.updated_at))
    state.synced_until = newest


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
