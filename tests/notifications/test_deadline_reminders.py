"""'Deadline in 7 days' reaches the owning firm once per challenge, however often it runs."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import AuditLog, ChallengeStatus, Notification, Role
from matchmaker.notifications.reminders import ACTION, send_deadline_reminders

TODAY = date(2026, 5, 10)


def _reminders(user) -> list[Notification]:
    return list(
        db.session.scalars(
            sa.select(Notification).where(Notification.user_id == user.id, Notification.kind == "deadline_soon")
        )
    )


def test_reminds_owner_once_for_a_deadline_within_7_days(make_user, make_challenge):
    firm = make_user(Role.FIRM)
    soon = make_challenge(firm.organization, deadline=TODAY + timedelta(days=7))
    later = make_challenge(firm.organization, deadline=TODAY + timedelta(days=8))
    make_challenge(firm.organization, deadline=TODAY - timedelta(days=1))  # already passed
    make_challenge(firm.organization, deadline=TODAY + timedelta(days=3), status=ChallengeStatus.DRAFT)
    make_challenge(firm.organization, deadline=None)

    assert send_deadline_reminders(TODAY) == 1
    [note] = _reminders(firm)
    assert soon.title in note.title and "7" in note.title and note.link == f"/challenges/{soon.id}"
    audit = db.session.scalars(sa.select(AuditLog).where(AuditLog.action == ACTION)).all()
    assert [(a.entity_type, a.entity_id) for a in audit] == [("Challenge", soon.id)]

    assert send_deadline_reminders(TODAY) == 0  # a second run the same day
    assert send_deadline_reminders(TODAY + timedelta(days=1)) == 1  # only `later` has come into the window
    titles = [n.title for n in _reminders(firm)]
    assert len(titles) == 2 and sum(soon.title in t for t in titles) == 1 and later.title in titles[1]


def test_the_beat_task_runs_and_is_idempotent(app, make_user, make_challenge):
    from matchmaker.notifications.tasks import deadline_reminders
    from matchmaker.proposals.rules import local_today

    firm = make_user(Role.FIRM)
    make_challenge(firm.organization, deadline=local_today() + timedelta(days=2))
    # Through this app's Celery: other tests' apps may have become Celery's "current" one.
    task = app.extensions["celery"].tasks[deadline_reminders.name]
    assert task.apply().get() == 1
    assert task.apply().get() == 0
    assert len(_reminders(firm)) == 1
