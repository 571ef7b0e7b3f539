"""Posts as the recommender library sees them, and which posts may be recommended."""

from __future__ import annotations

import sqlalchemy as sa

from matchmaker.models import Capability, CapabilityStatus, Challenge, ChallengeStatus, Organization
from matchmaker.timezones import local_today
from recommenders import Document

Post = Challenge | Capability
SIDES = {"challenge": Challenge, "capability": Capability}
# A challenge still takes proposals while the firm reviews them.
OPEN_CHALLENGE = (ChallengeStatus.PUBLISHED, ChallengeStatus.IN_REVIEW)


def side_of(post: Post) -> str:
    return "challenge" if isinstance(post, Challenge) else "capability"


def other(side: str) -> str:
    return "capability" if side == "challenge" else "challenge"


def to_document(post: Post) -> Document:
    return Document(
        id=str(post.id),
        title=post.title,
        description=post.text_for_matching,
        chains=tuple(c.code for c in sorted(post.chains, key=lambda c: c.id != post.primary_chain_id)),
        keywords=tuple(post.keywords or ()),
    )


def eligible_where(side: str) -> list[sa.ColumnElement[bool]]:
    """Conditions on a post of `side` (joined to its organisation) for it to be recommended."""
    if side == "challenge":
        return [
            Organization.verified_at.is_not(None),
            Challenge.status.in_(OPEN_CHALLENGE),
            sa.or_(Challenge.deadline.is_(None), Challenge.deadline >= local_today()),
        ]
    return [Organization.verified_at.is_not(None), Capability.status == CapabilityStatus.PUBLISHED]


def eligible(side: str, exclude_org_id: int | None = None) -> sa.Select:
    """Ids of the posts of `side` that may be recommended: published, from a verified
    organisation, and (for challenges) not past their deadline; never the viewer's own."""
    model = SIDES[side]
    query = sa.select(model.id).join(model.organization).where(*eligible_where(side))
    if exclude_org_id is not None:
        query = query.where(model.organization_id != exclude_org_id)
    return query


def is_eligible(post: Post) -> bool:
    if not post.organization.is_verified:
        return False
    if isinstance(post, Challenge):
        return post.status in OPEN_CHALLENGE and (post.deadline is None or post.deadline >= local_today())
    return post.status == CapabilityStatus.PUBLISHED
