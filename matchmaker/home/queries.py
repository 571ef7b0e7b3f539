"""What the home page shows each kind of user: figures and next steps."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from matchmaker.capabilities import queries as capability_queries
from matchmaker.challenges import queries as challenge_queries
from matchmaker.extensions import db
from matchmaker.models import (
    Capability,
    CapabilityStatus,
    Chain,
    Challenge,
    ChallengeStatus,
    Role,
    User,
)
from matchmaker.organizations import queries as organization_queries


def public_overview() -> dict[str, Any]:
    chain_counts = db.session.execute(
        sa.select(Chain, sa.func.count(Challenge.id))
        .outerjoin(
            Challenge,
            sa.and_(Challenge.primary_chain_id == Chain.id, Challenge.status.in_(challenge_queries.LISTED)),
        )
        .where(Chain.active)
        .group_by(Chain.id)
        .order_by(Chain.sort_order)
    ).all()
    return {
        "challenges": db.session.scalar(challenge_queries.count_listed()),
        "capabilities": db.session.scalar(capability_queries.count_listed()),
        "chains": chain_counts,
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
