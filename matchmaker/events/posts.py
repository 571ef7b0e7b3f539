"""A participant's published posts in the event's theme: its problems (firm) or results (team)."""

from __future__ import annotations

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import Capability, CapabilityStatus, Challenge, ChallengeStatus, Event, EventParticipant, Side
from matchmaker.models.chain import capability_chains, challenge_chains

LIMIT = 5


def theme_posts(event: Event, participant: EventParticipant) -> list[Challenge] | list[Capability]:
    chain_ids = [c.id for c in event.chains]
    if participant.side == Side.FIRM:
        model, link, visible = (
            Challenge,
            challenge_chains.c.challenge_id,
            (ChallengeStatus.PUBLISHED, ChallengeStatus.IN_REVIEW),
        )
        in_theme = sa.select(link).where(challenge_chains.c.chain_id.in_(chain_ids))
    else:
        model, link, visible = Capability, capability_chains.c.capability_id, (CapabilityStatus.PUBLISHED,)
        in_theme = sa.select(link).where(capability_chains.c.chain_id.in_(chain_ids))
    return list(
        db.session.scalars(
            sa.select(model)
            .where(
                model.organization_id == participant.organization_id, model.status.in_(visible), model.id.in_(in_theme)
            )
            .order_by(model.published_at.desc(), model.id)
            .limit(LIMIT)
        )
    )
