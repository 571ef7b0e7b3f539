"""The two periodic reminders, each sent once: participants asked for their meeting outcomes N
days after the meeting day (EventParticipant.outcome_reminded_at), and a manager told of a deal
with no recorded step for N days (Deal.stale_reminded_at, once per quiet period: any step
restarts the clock and so allows a later reminder). Callers commit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from matchmaker.deals.managers import OPEN
from matchmaker.deals.settings import deal_stale_days, outcome_reminder_days
from matchmaker.extensions import db
from matchmaker.meetings.people import members
from matchmaker.models import (
    Deal,
    Event,
    EventParticipant,
    EventStatus,
    Meeting,
    MeetingOutcome,
    MeetingStatus,
    OutcomeSide,
    Side,
)
from matchmaker.notifications.operations import notify

# Past this many days after the due day a missed reminder is dropped (a worker down for weeks
# must not ask about meetings long forgotten, nor may the demo's old events on a fresh install).
CATCH_UP_DAYS = 14
REMINDABLE = (EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED, EventStatus.HELD, EventStatus.CLOSED)


def unanswered(participant: EventParticipant) -> int:
    """The participant's meetings that took place and have no outcome from its side yet."""
    side = OutcomeSide.FIRM if participant.side == Side.FIRM else OutcomeSide.TEAM
    column = Meeting.firm_participant_id if participant.side == Side.FIRM else Meeting.team_participant_id
    answered = sa.select(MeetingOutcome.meeting_id).where(MeetingOutcome.side == side)
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Meeting)
        .where(column == participant.id, Meeting.status == MeetingStatus.SCHEDULED)
        .where(Meeting.id.not_in(answered))
    )


def remind_outcomes(today: date) -> int:
    """Ask each participant that has not answered, once. Returns how many were asked."""
    due_last = today - timedelta(days=outcome_reminder_days())
    due_first = due_last - timedelta(days=CATCH_UP_DAYS)
    day = sa.func.coalesce(Event.meeting_date, Event.starts_on)
    people = db.session.scalars(
        sa.select(EventParticipant)
        .join(Event, Event.id == EventParticipant.event_id)
        .where(Event.status.in_(REMINDABLE), day.between(due_first, due_last))
        .where(EventParticipant.outcome_reminded_at.is_(None))
        .where(
            sa.exists().where(
                Meeting.status == MeetingStatus.SCHEDULED,
                sa.or_(
                    Meeting.firm_participant_id == EventParticipant.id,
                    Meeting.team_participant_id == EventParticipant.id,
                ),
            )
        )
        .order_by(EventParticipant.id)
    )
    asked = 0
    now = datetime.now(UTC)
    for participant in people:
        missing = unanswered(participant)
        participant.outcome_reminded_at = now  # asked or not needed: either way, never again
        if not missing:
            continue
        event = participant.event
        notify(
            members(participant),
            "outcome_reminder",
            _("请填写《%(t)s》的洽谈成果", t=event.title),
            _("贵单位还有 %(n)d 场洽谈未填写成果，填写后组织方和技术经理人会跟进有意向的对接。", n=missing),
            url_for("deals.report", event_id=event.id),
        )
        asked += 1
    return asked


def remind_stale(now: datetime | None = None) -> int:
    """Tell each manager of their deals quiet for N days, once per quiet period. Returns how many deals."""
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=deal_stale_days())
    deals = list(
        db.session.scalars(
            sa.select(Deal)
            .where(Deal.stage.in_(OPEN), Deal.manager_id.is_not(None), Deal.last_action_at <= cutoff)
            .where(sa.or_(Deal.stale_reminded_at.is_(None), Deal.stale_reminded_at < Deal.last_action_at))
            .order_by(Deal.id)
        )
    )
    for deal in deals:
        deal.stale_reminded_at = now
        notify(
            [deal.manager],
            "deal_stale",
            _("对接跟进 %(d)d 天没有进展：%(t)s", d=deal_stale_days(), t=deal.title),
            _("请联系双方，记录进展或下一步安排。"),
            url_for("deals.detail", deal_id=deal.id),
        )
    return len(deals)
