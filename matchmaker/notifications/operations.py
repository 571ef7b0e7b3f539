"""notify(): the one way features tell users something. Writes inbox rows in the caller's
transaction and records an e-mail copy in the outbox (sent via SMTP when configured,
logged otherwise)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from matchmaker.background.outbox import enqueue
from matchmaker.extensions import db
from matchmaker.models import Notification, User

EMAIL_TASK = "matchmaker.notifications.tasks.send_email"


def notify(users: Iterable[User], kind: str, title: str, body: str = "", link: str = "") -> list[Notification]:
    made = []
    for user in {u.id: u for u in users if u.active}.values():
        note = Notification(user_id=user.id, kind=kind, title=title[:200], body=body, link=link[:300])
        db.session.add(note)
        made.append(note)
    db.session.flush()
    for note in made:
        enqueue(EMAIL_TASK, notification_id=note.id)
    return made


def notify_organization(
    org_id: int, kind: str, title: str, body: str = "", link: str = "", exclude: User | None = None
) -> list[Notification]:
    """Tell every active user of an organisation (e.g. the firm that owns a challenge), except
    `exclude`: the user who did the thing needs no news of it."""
    users = db.session.scalars(sa.select(User).where(User.organization_id == org_id, User.active))
    return notify([u for u in users if exclude is None or u.id != exclude.id], kind, title, body, link)
