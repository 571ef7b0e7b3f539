"""Recommendations shown on a post's page: stored matches whose other side is still eligible."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.matching.documents import Post, eligible_where, other, side_of
from matchmaker.models import Capability, Challenge, Match, Organization


@dataclass
class Recommendation:
    match: Match
    post: Post  # the other side
    percent: int  # score bar width, relative to the best shown


def recommendations_for(post: Post, limit: int = 10) -> list[Recommendation]:
    side = side_of(post)
    if side == "challenge":
        target, own, other_key = Capability, Match.challenge_id, Match.capability_id
    else:
        target, own, other_key = Challenge, Match.capability_id, Match.challenge_id
    # Joined, not `IN (every eligible id)`: the post's own rows (by the score index) are the few read.
    rows = db.session.execute(
        sa.select(Match, target)
        .join(target, target.id == other_key)
        .join(Organization, Organization.id == target.organization_id)
        .where(own == post.id, target.organization_id != post.organization_id, *eligible_where(other(side)))
        .options(selectinload(target.organization), selectinload(target.chains))
        .order_by(Match.score.desc(), Match.id)
        .limit(limit)
    ).all()
    best = max((m.score for m, _ in rows), default=0) or 1
    return [Recommendation(m, p, max(4, round(100 * m.score / best))) for m, p in rows]
