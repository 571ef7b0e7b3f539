"""Keeping stored Match rows in step with the posts, and recording feedback. Callers commit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.matching import index_store
from matchmaker.matching.documents import SIDES, Post, eligible, is_eligible, other, side_of, to_document
from matchmaker.models import IndexArtifact, Match, MatchFeedback, MatchSource, MatchStatus, Setting, User
from recommenders import MatchIndex, Tokenizer

TOP_K = 20  # stored per post; pages show the best 10 still eligible
LAST_REFRESH_KEY = "matching.last_refresh"
# Tokens cached on posts are valid for the tokenizer that made them (lexicon, stop words, version).
FINGERPRINT_KEY = "matching.tokenizer_fingerprint"  # tokenizer + index format the stored index was built with


def store_tokens(post: Post) -> list[str]:
    """Cache the post's tokens without bumping its optimistic-lock version: this is derived
    data, and a user's edit must not conflict with the background refresh."""
    tokens = index_store.tokenizer().tokens(to_document(post))
    if post.tokens != tokens:
        model = type(post)
        db.session.execute(
            sa.update(model).where(model.id == post.id).values(tokens=tokens),
            execution_options={"synchronize_session": False},
        )
        set_committed_value(post, "tokens", tokens)
    return tokens


def _pair(side: str, post_id: int, other_id: int) -> tuple[int, int]:
    return (post_id, other_id) if side == "challenge" else (other_id, post_id)


def _owner_column(side: str) -> sa.ColumnElement:
    return Match.challenge_id if side == "challenge" else Match.capability_id


def refresh_matches(post: Post, index: MatchIndex | None = None) -> int:
    """Re-rank the other side for one post and store its best TOP_K as Match rows.
    Rows people have acted on (feedback, or a status past 'suggested') are never dropped."""
    side = side_of(post)
    tokens = store_tokens(post)
    index = index or index_store.current_index()
    index.upsert(side, to_document(post), tokens)
    ranked = []
    if is_eligible(post):
        candidates = {str(i) for i in db.session.scalars(eligible(other(side), exclude_org_id=post.organization_id))}
        ranked = index.rank_for(side, str(post.id), k=TOP_K, candidates=candidates)
    existing = {
        (m.challenge_id, m.capability_id): m
        for m in db.session.scalars(sa.select(Match).where(_owner_column(side) == post.id))
    }
    kept = set()
    for result in ranked:
        key = _pair(side, post.id, int(result.id))
        kept.add(key)
        match = existing.get(key)
        if match is None:
            db.session.add(Match(challenge_id=key[0], capability_id=key[1], score=result.score, terms=result.terms[:8]))
        elif match.score != result.score or match.terms != result.terms[:8]:
            match.score, match.terms = result.score, result.terms[:8]
    for key, match in existing.items():
        untouched = match.feedback is None and match.status == MatchStatus.SUGGESTED
        if key not in kept and untouched and match.source == MatchSource.RECOMMENDER:
            db.session.delete(match)
    db.session.flush()
    return len(ranked)


def posts_changed_since(moment: datetime | None) -> list[Post]:
    posts: list[Post] = []
    for model in SIDES.values():
        query = sa.select(model).options(selectinload(model.chains))
        if moment is not None:
            query = query.where(model.updated_at > moment)
        posts.extend(db.session.scalars(query))
    return posts


def _last_refresh() -> datetime | None:
    setting = db.session.get(Setting, LAST_REFRESH_KEY)
    return datetime.fromisoformat(setting.value) if setting and setting.value else None


def _set_setting(key: str, value: str) -> None:
    setting = db.session.get(Setting, key) or Setting(key=key)
    setting.value = value
    db.session.add(setting)


def _set_last_refresh(moment: datetime) -> None:
    _set_setting(LAST_REFRESH_KEY, moment.isoformat())


def refresh_changed() -> int:
    """Hourly: refresh the matches of posts changed since the last run, then store the index
    so that processes starting later load a recent base."""
    started = datetime.now(UTC)
    posts = posts_changed_since(_last_refresh())
    index = index_store.current_index(force=True)
    for post in posts:
        refresh_matches(post, index)
    index_store.save_artifact(index)
    _set_last_refresh(started)
    return len(posts)


def rebuild(progress: Callable[[int, str], None] = lambda percent, message: None) -> dict[str, int]:
    """Nightly: segment every post again (the lexicon may have changed), build a new index,
    store it, and refresh every post's matches."""
    started = datetime.now(UTC)
    posts = posts_changed_since(None)
    total = max(len(posts), 1)
    progress(1, "分词")
    for n, post in enumerate(posts, 1):
        store_tokens(post)
        if n % 200 == 0:
            progress(1 + 39 * n // total, f"分词 {n}/{total}")
    db.session.flush()
    tok = index_store.tokenizer()
    by_side = {side: [p for p in posts if side_of(p) == side] for side in SIDES}
    index = MatchIndex(tok)  # ids repeat across the two sides, so add with each side's tokens
    for side, side_posts in by_side.items():
        for post in side_posts:
            index.upsert(side, to_document(post), post.tokens)
    progress(42, "建立语义模型")
    index.set_latent(index.fit_latent())
    progress(45, "建立索引")
    for n, post in enumerate(posts, 1):
        refresh_matches(post, index)
        if n % 100 == 0:
            progress(45 + 50 * n // total, f"更新匹配 {n}/{total}")
    artifact = index_store.save_artifact(index)
    _set_last_refresh(started)
    _set_setting(FINGERPRINT_KEY, _built_with(tok))
    progress(100, "完成")
    return {
        "challenges": len(by_side["challenge"]),
        "capabilities": len(by_side["capability"]),
        "version": artifact.version if artifact else index.version,
    }


def _built_with(tok: Tokenizer) -> str:
    """What a stored index depends on besides the posts: a new tokenizer or index format
    (e.g. the latent model added in format 2) means a rebuild."""
    return f"{tok.fingerprint}/index-format-{MatchIndex.FORMAT_VERSION}"


def rebuild_needed() -> bool:
    """No index yet, posts never segmented, or segmented by a different tokenizer."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(IndexArtifact)) == 0:
        return True
    stored = db.session.get(Setting, FINGERPRINT_KEY)
    if stored is None or stored.value != _built_with(index_store.tokenizer()):
        return True
    return any(
        db.session.scalar(sa.select(model.id).where(model.tokens.is_(None)).limit(1)) is not None
        for model in SIDES.values()
    )


def record_feedback(match: Match, value: MatchFeedback, user: User) -> None:
    match.feedback = value
    match.feedback_by_id = user.id
    match.feedback_at = datetime.now(UTC)
    if value == MatchFeedback.CONTACTED and match.status == MatchStatus.SUGGESTED:
        match.status = MatchStatus.INTERESTED
    audit.record("match.feedback", match, feedback=value.value)
