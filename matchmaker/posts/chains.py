"""所属产业链 of a post: what its two chain selects offer, and how the choice is stored."""

from __future__ import annotations

import sqlalchemy as sa
from wtforms import SelectField

from matchmaker.extensions import db
from matchmaker.form_choices import choices
from matchmaker.models import Capability, Chain, Challenge

Post = Challenge | Capability


def chain_choices(post: Post | None, blank: str = "") -> list:
    """Active chains, plus a retired chain the post already belongs to (it keeps its history)."""
    current = [c.id for c in post.chains] if post is not None else []
    rows = db.session.scalars(
        sa.select(Chain).where(sa.or_(Chain.active, Chain.id.in_(current))).order_by(Chain.sort_order)
    )
    pairs = [(str(c.id), c.name) for c in rows]
    return choices(([("", blank)] if blank else []) + pairs)


def set_chains(post: Post, chain_field: SelectField, extra_field: SelectField) -> None:
    """The first is the primary chain; the second is optional."""
    ids = [int(chain_field.data)] + ([int(extra_field.data)] if extra_field.data else [])
    with db.session.no_autoflush:  # one UPDATE per edit, in the edit's own flush
        chains = {c.id: c for c in db.session.scalars(sa.select(Chain).where(Chain.id.in_(ids)))}
    post.primary_chain = chains[ids[0]]
    post.chains = [chains[i] for i in ids]
