"""Read account e-mails (sign-up confirmation, "someone tried") from the outbox, as a mail client would."""

from __future__ import annotations

import re

import sqlalchemy as sa

from matchmaker.auth.confirmation import EMAIL_TASK
from matchmaker.extensions import db
from matchmaker.models import OutboxMessage

LINK = re.compile(r"https?://\S+(/signup/confirm/\S+)")


def account_emails(to: str) -> list[dict[str, str]]:
    rows = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.task == EMAIL_TASK).order_by(OutboxMessage.id)
    )
    return [row.payload for row in rows if row.payload["to"] == to]


def confirmation_path(to: str) -> str:
    """The path of the last confirmation link e-mailed to `to`."""
    links = [m.group(1) for mail in account_emails(to) if (m := LINK.search(mail["body"]))]
    assert links, f"no confirmation e-mail to {to}"
    return links[-1]
