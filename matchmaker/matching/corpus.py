"""Posts read in id order, a chunk at a time, as the recommender needs them (no ORM objects:
a full rebuild reads every post, and 100k loaded posts with their text would not fit in memory)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.matching.documents import SIDES
from matchmaker.models import Chain
from matchmaker.models.chain import capability_chains, challenge_chains
from recommenders import Document, Tokenizer

CHUNK = 500
# The columns text_for_matching joins, per side (kept in step with the models' property).
TEXT = {"challenge": ("problem", "indicators", "goal"), "capability": ("description", "applications")}
LINKS = {"challenge": (challenge_chains, "challenge_id"), "capability": (capability_chains, "capability_id")}


@dataclass
class PostRow:
    id: int
    organization_id: int
    document: Document
    tokens_key: str | None
    tokens: list[str] | None


def tokens_key(tokenizer: Tokenizer, doc: Document, fingerprint: str | None = None) -> str:
    """What cached tokens depend on: the text, chains, keywords and the tokenizer (pass its
    `fingerprint` when keying many posts: computing it hashes every lexicon term)."""
    h = hashlib.blake2b(digest_size=8)
    for part in (fingerprint or tokenizer.fingerprint, doc.title, doc.description, *doc.chains, "\x1e", *doc.keywords):
        h.update(part.encode())
        h.update(b"\x1f")
    return h.hexdigest()


def _chains(side: str, ids: list[int], primary: dict[int, int]) -> dict[int, tuple[str, ...]]:
    """Chain codes of each post, primary first, then in the chains' order (as to_document has them)."""
    link, column = LINKS[side]
    rows = db.session.execute(
        sa.select(link.c[column], Chain.id, Chain.code)
        .join(Chain, Chain.id == link.c.chain_id)
        .where(link.c[column].in_(ids))
        .order_by(Chain.sort_order)
    )
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for post_id, chain_id, code in rows:
        found[post_id].append((chain_id, code))
    return {
        post_id: tuple(code for _, code in sorted(chains, key=lambda c: c[0] != primary[post_id]))
        for post_id, chains in found.items()
    }


def rows(
    side: str, *, after: int = 0, ids: Iterable[int] | None = None, with_tokens: bool = False, chunk: int = CHUNK
) -> Iterator[list[PostRow]]:
    """Chunks of posts of `side` with id > `after` (or among `ids`), in id order."""
    model = SIDES[side]
    columns = [model.id, model.organization_id, model.primary_chain_id, model.title, model.keywords, model.tokens_key]
    columns += [getattr(model, name) for name in TEXT[side]]
    columns.append(model.tokens if with_tokens else model.tokens.is_not(None))
    wanted = sorted(set(ids)) if ids is not None else None
    while True:
        query = sa.select(*columns).where(model.id > after).order_by(model.id).limit(chunk)
        if wanted is not None:
            batch_ids = [i for i in wanted if i > after][:chunk]
            if not batch_ids:
                return
            query = query.where(model.id.in_(batch_ids))
        found = db.session.execute(query).all()
        if not found:
            return
        chains = _chains(side, [r[0] for r in found], {r[0]: r[2] for r in found})
        out = []
        for post_id, org_id, _, title, keywords, key, *text, tokens in found:
            doc = Document(
                id=str(post_id),
                title=title,
                description="\n".join(t or "" for t in text),
                chains=chains.get(post_id, ()),
                keywords=tuple(keywords or ()),
            )
            # Without cached tokens the key says nothing.
            out.append(PostRow(post_id, org_id, doc, key if tokens else None, tokens if with_tokens else None))
        yield out
        after = found[-1][0]


def store_tokens(side: str, posts: list[PostRow], tokenizer: Tokenizer) -> int:
    """Segment the posts whose cached tokens are missing or stale and write them in one statement;
    returns how many. Derived data: neither the post's version nor its updated_at moves."""
    table = SIDES[side].__table__
    changes = []
    fingerprint = tokenizer.fingerprint
    for post in posts:
        key = tokens_key(tokenizer, post.document, fingerprint)
        if post.tokens_key == key:
            continue
        post.tokens_key, post.tokens = key, tokenizer.tokens(post.document)
        changes.append({"post_id": post.id, "tokens": post.tokens, "key": key})
    if changes:
        db.session.execute(
            sa.update(table)
            .where(table.c.id == sa.bindparam("post_id"))
            .values(tokens=sa.bindparam("tokens"), tokens_key=sa.bindparam("key"), updated_at=table.c.updated_at),
            changes,
        )
    return len(changes)
