from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.models import AccessRequest, AccessStatus, Challenge


def of_organization(org_id: int, challenge_id: int) -> AccessRequest | None:
    return db.session.scalar(
        sa.select(AccessRequest).where(
            AccessRequest.challenge_id == challenge_id, AccessRequest.organization_id == org_id
        )
    )


def pending_for_challenge(challenge_id: int) -> list[AccessRequest]:
    return list(
        db.session.scalars(
            sa.select(AccessRequest)
            .where(AccessRequest.challenge_id == challenge_id, AccessRequest.status == AccessStatus.PENDING)
            .options(selectinload(AccessRequest.organization))
            .order_by(AccessRequest.created_at)
        )
    )


def for_firm(org_id: int, status: AccessStatus | None) -> sa.Select:
    """Requests on the firm's challenges, pending first, newest first within a status."""
    query = (
        sa.select(AccessRequest)
        .join(AccessRequest.challenge)
        .where(Challenge.organization_id == org_id)
        .options(selectinload(AccessRequest.challenge), selectinload(AccessRequest.organization))
        .order_by((AccessRequest.status == AccessStatus.PENDING).desc(), AccessRequest.created_at.desc())
    )
    if status is not None:
        query = query.where(AccessRequest.status == status)
    return query
