"""Keeping stored Match rows in step with the posts, and recording feedback. Callers commit,
except the hourly refresh and the rebuild, which commit per chunk of posts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from matchmaker import audit
from matchmaker.deals.opening import from_match
from matchmaker.extensions import db
from matchmaker.matching import corpus, index_store, match_rows, ranking
from matchmaker.matching import rebuild as full_rebuild
from matchmaker.matching.documents import SIDES, Post, eligible, other, side_of, to_document
from matchmaker.models import IndexArtifact, Match, MatchFeedback, MatchStatus, Setting, User
from recommenders import MatchIndex, Tokenizer

LAST_REFRESH_KEY = "matching.last_refresh"
# Tokens cached on posts are valid for the tokenizer that made them (lexicon, stop words, version).
FINGERPRINT_KEY = "matching.tokenizer_fingerprint"  # tokenizer + index format the stored index was built with


def store_tokens(post: Post) -> list[str]:
    """Cache the post's tokens without bumping its optimistic-lock version: this is derived
    data, and a user's edit must not conflict with the background refresh. Skips jieba when the
    cached tokens were made from the same text by the same tokenizer."""
    tok = index_store.tokenizer()
    doc = to_document(post)
    key = corpus.tokens_key(tok, doc)
    if post.tokens is not None and post.tokens_key == key:
        return post.tokens
    tokens = tok.tokens(doc)
    model = type(post)
    # updated_at moves (onupdate): other processes' index sync picks the new tokens up.
    db.session.execute(
        sa.update(model).where(model.id == post.id).values(tokens=tokens, tokens_key=key),
        execution_options={"synchronize_session": False},
    )
    set_committed_value(post, "tokens", tokens)
    set_committed_value(post, "tokens_key", key)
    return tokens


def refresh_posts(
    index: MatchIndex, side: str, posts: dict[int, int], theirs: ranking.Candidates | None = None
) -> match_rows.Counts:
    """Rank and store the top lists of `posts` (id -> organisation id) of `side`, all already in
    the index. A post not among its side's eligible ones gets its untouched rows dropped."""
    mine = ranking.candidates(side) if len(posts) > 1 else None
    eligible_now = {post_id: (post_id in mine.org_of) if mine else _single_eligible(side, post_id) for post_id in posts}
    if theirs is None:
        theirs = ranking.candidates(other(side)) if any(eligible_now.values()) else ranking.NONE

    def rank(post_id: int, explain: bool) -> list:
        return ranking.top_list(index, side, post_id, posts[post_id], theirs, explain)

    return match_rows.refresh(side, eligible_now, rank, theirs.ids)


def _single_eligible(side: str, post_id: int) -> bool:
    model = SIDES[side]
    return db.session.scalar(eligible(side).where(model.id == post_id)) is not None


def refresh_matches(post: Post, index: MatchIndex | None = None) -> int:
    """Re-rank the other side for one post and store its best TOP_K as Match rows; returns how
    many it ranked. Rows people have acted on (feedback, or a status past 'suggested') stay."""
    side = side_of(post)
    tokens = store_tokens(post)
    if index is None:
        with index_store.using() as served:
            return refresh_matches(post, served)
    index_store.apply(index, side, to_document(post), tokens, post.tokens_key)
    return refresh_posts(index, side, {post.id: post.organization_id}).ranked


def changed_since(side: str, moment: datetime | None) -> list[int]:
    model = SIDES[side]
    query = sa.select(model.id)
    if moment is not None:
        query = query.where(model.updated_at > moment)
    return list(db.session.scalars(query))


def _last_refresh() -> datetime | None:
    setting = db.session.get(Setting, LAST_REFRESH_KEY)
    return datetime.fromisoformat(setting.value) if setting and setting.value else None


def _set_setting(key: str, value: str) -> None:
    setting = db.session.get(Setting, key) or Setting(key=key)
    setting.value = value
    db.session.add(setting)


def _set_last_refresh(moment: datetime) -> None:
    _set_setting(LAST_REFRESH_KEY, moment.isoformat())


def refresh_changed(chunk: int = corpus.CHUNK) -> int:
    """Hourly: bring the index and the matches of posts changed since the last run up to date,
    then store the index so that processes starting later load a recent base.

    All changed posts go into the index first and are ranked after, so the index's derived
    state is rebuilt once, not once per post; matches are written and committed per chunk."""
    with index_store.using(force=True) as index:
        return _refresh_changed(index, chunk)


def _refresh_changed(index: MatchIndex, chunk: int) -> int:
    started = datetime.now(UTC)
    since = _last_refresh()
    tok = index_store.tokenizer()
    changed = {side: changed_since(side, since) for side in SIDES}
    orgs: dict[str, dict[int, int]] = {side: {} for side in SIDES}
    for side, ids in changed.items():
        for rows in corpus.rows(side, ids=ids, with_tokens=True, chunk=chunk):
            corpus.store_tokens(side, rows, tok)
            for row in rows:
                index_store.apply(index, side, row.document, row.tokens, row.tokens_key)
                orgs[side][row.id] = row.organization_id
    cands = {side: ranking.candidates(side) for side in SIDES} if any(changed.values()) else {}
    for side, posts in orgs.items():
        ids = sorted(posts)
        for start in range(0, len(ids), chunk):
            part = {post_id: posts[post_id] for post_id in ids[start : start + chunk]}
            refresh_posts(index, side, part, cands[other(side)])
            db.session.commit()
    index_store.save_artifact(index)
    _set_last_refresh(started)
    return sum(len(ids) for ids in changed.values())


def rebuild(progress: Callable[[int, str], None] = lambda percent, message: None) -> dict:
    """Nightly: segment the posts whose text or tokenizer changed, build a new index, refresh
    every post's matches in bulk, store the index (rebuild.py has the steps; it commits as it goes)."""

    def finish(index: MatchIndex, started: datetime, tok: Tokenizer) -> str | None:
        artifact = index_store.save_artifact(index)
        _set_last_refresh(started)
        _set_setting(FINGERPRINT_KEY, _built_with(tok))
        return artifact.version if artifact else None

    return full_rebuild.rebuild(progress, finish)


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
    if value == MatchFeedback.CONTACTED:
        from_match(match, user)  # the pair is followed as a deal (matchmaker/deals)
