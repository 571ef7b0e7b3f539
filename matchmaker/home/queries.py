"""What the home page shows each kind of user: figures and next steps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.capabilities import queries as capability_queries
from matchmaker.challenges import queries as challenge_queries
from matchmaker.extensions import db
from matchmaker.matching.documents import OPEN_CHALLENGE, eligible
from matchmaker.models import (
    Capability,
    CapabilityStatus,
    Chain,
    Challenge,
    ChallengeStatus,
    Match,
    Role,
    User,
)
from matchmaker.organizations import queries as organization_queries


def public_overview() -> dict[str, Any]:
    """Totals and listed challenges per active chain. Counted per primary chain from the
    (status, primary chain) index, then matched to the chains: no join of every challenge."""
    per_chain = dict(
        db.session.execute(
            sa.select(Challenge.primary_chain_id, sa.func.count())
            .where(Challenge.status.in_(challenge_queries.LISTED))
            .group_by(Challenge.primary_chain_id)
        ).all()
    )
    chains = db.session.scalars(sa.select(Chain).where(Chain.active).order_by(Chain.sort_order))
    return {
        "challenges": sum(per_chain.values()),  # the same statuses as count_listed()
        "capabilities": db.session.scalar(capability_queries.count_listed()),
        "chains": [(chain, per_chain.get(chain.id, 0)) for chain in chains],
    }


def _count_by_status(model: type, org_id: int) -> dict[Any, int]:
    rows = db.session.execute(
        sa.select(model.status, sa.func.count()).where(model.organization_id == org_id).group_by(model.status)
    ).all()
    return dict(rows)


def todo_for(user: User) -> dict[str, Any]:
    org = user.organization
    todo: dict[str, Any] = {"verified": org.is_verified}
    if user.role == Role.FIRM:
        todo["by_status"] = _count_by_status(Challenge, org.id)
        todo["drafts"] = todo["by_status"].get(ChallengeStatus.DRAFT, 0)
    elif user.role == Role.TEAM:
        todo["by_status"] = _count_by_status(Capability, org.id)
        todo["drafts"] = todo["by_status"].get(CapabilityStatus.DRAFT, 0)
    else:
        todo["pending_orgs"] = db.session.scalar(organization_queries.pending_count())
        todo.update(public_overview())
    return todo


HOME_RECOMMENDATIONS = 5


@dataclass
class HomeRecommendation:
    post: Challenge | Capability  # the other side's post
    via: Challenge | Capability  # the user's own post it was recommended for
    score: float


def recommended_for(user: User, limit: int = HOME_RECOMMENDATIONS) -> list[HomeRecommendation]:
    """The best stored matches across all of the organisation's open posts, one line per other
    post: a team sees challenges to take on without opening each of its capabilities."""
    if user.role not in _SIDES:
        return []
    own, target, own_name, other_name = _SIDES[user.role]
    own_key, other_key = getattr(Match, f"{own_name}_id"), getattr(Match, f"{other_name}_id")
    held_by_own = getattr(Match, f"for_{own_name}")  # the pair is in our post's own top list
    mine = sa.select(own.id).where(own.organization_id == user.organization_id, own.status.in_(_LISTED[own]))
    allowed = eligible(other_name, exclude_org_id=user.organization_id).scalar_subquery()
    rows = db.session.execute(
        sa.select(Match, target, own)
        .join(target, target.id == other_key)
        .join(own, own.id == own_key)
        .where(own_key.in_(mine.scalar_subquery()), other_key.in_(allowed), held_by_own.is_(True))
        .options(selectinload(target.organization))
        .order_by(Match.score.desc(), Match.id)
        .limit(limit * 4)  # one other post may match several of ours: keep its best only
    ).all()
    best: dict[int, HomeRecommendation] = {}
    for match, other_post, own_post in rows:
        best.setdefault(other_post.id, HomeRecommendation(other_post, own_post, match.score))
    return list(best.values())[:limit]


# Per role: own model, other model, own and other side names (as in Match's columns).
_SIDES = {
    Role.TEAM: (Capability, Challenge, "capability", "challenge"),
    Role.FIRM: (Challenge, Capability, "challenge", "capability"),
}
# Own posts that still look for a partner.
_LISTED = {Challenge: OPEN_CHALLENGE, Capability: (CapabilityStatus.PUBLISHED,)}
