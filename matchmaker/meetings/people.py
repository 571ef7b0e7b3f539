"""Who to tell: the users of a participant's organisation on its side, and the organisers."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask import url_for

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Role, Side, User
from matchmaker.notifications.operations import notify


def members(participant: EventParticipant) -> list[User]:
    role = Role.FIRM if participant.side == Side.FIRM else Role.TEAM
    return list(
        db.session.scalars(
            sa.select(User).where(User.organization_id == participant.organization_id, User.active, User.role == role)
        )
    )


def organisers() -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.active, User.role.in_((Role.ORGANISER, Role.ADMIN)))))


def tell(participants: Iterable[EventParticipant], kind: str, title: str, body: str = "", link: str = "") -> None:
    users = [u for p in participants for u in members(p)]
    notify(users, kind, title, body, link)


def browse_link(event: Event) -> str:
    return url_for("meetings.browse", event_id=event.id)


def agenda_link(event: Event) -> str:
    return url_for("meetings.agenda", event_id=event.id)
