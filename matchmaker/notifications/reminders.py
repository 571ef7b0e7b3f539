"""'Deadline in 7 days' reminders for the owners of published challenges, once per challenge.

The AuditLog row written with each reminder is the memory that makes the job idempotent: a
rerun (or a beat that fires twice) finds it and skips the challenge.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.models import AuditLog, Challenge, ChallengeStatus
from matchmaker.notifications.operations import notify_organization

ACTION = "challenge.deadline_reminded"
WINDOW_DAYS = 7


def due(today: date) -> list[Challenge]:
    already = sa.select(AuditLog.entity_id).where(AuditLog.action == ACTION, AuditLog.entity_type == "Challenge")
    return list(
        db.session.scalars(
            sa.select(Challenge)
            .where(
                Challenge.status == ChallengeStatus.PUBLISHED,
                Challenge.deadline.between(today, today + timedelta(days=WINDOW_DAYS)),
                Challenge.id.not_in(already),
            )
            .order_by(Challenge.id)
        )
    )


def send_deadline_reminders(today: date) -> int:
    """Notify each due challenge's firm once; returns how many challenges were reminded."""
    challenges = due(today)
    for challenge in challenges:
        days = (challenge.deadline - today).days
        notify_organization(
            challenge.organization_id,
            "deadline_soon",
            _("《%(title)s》将于 %(days)d 天后截止", title=challenge.title, days=days),
            _("需求时限为 %(deadline)s。请及时查看揭榜申请，或在需要时调整时限。", deadline=challenge.deadline),
            url_for("challenges.detail", challenge_id=challenge.id),
        )
        audit.record(ACTION, challenge, deadline=challenge.deadline.isoformat())
    return len(challenges)
