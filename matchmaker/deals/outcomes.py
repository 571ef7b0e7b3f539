"""Recording what came of a meeting (each side and the organiser once, editable) and a
participant's feedback on the event. An outcome of intent or agreement opens (or moves) the
pair's deal. Callers commit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.authz import is_organiser
from matchmaker.deals import opening
from matchmaker.deals.errors import DealError
from matchmaker.deals.timing import event_over, meeting_over
from matchmaker.extensions import db
from matchmaker.models import (
    EventFeedback,
    EventParticipant,
    Meeting,
    MeetingOutcome,
    OutcomeKind,
    OutcomeSide,
    Role,
    User,
)
from matchmaker.timezones import local_today

OPENS_DEAL = (OutcomeKind.INTENT, OutcomeKind.AGREEMENT)


def side_of(meeting: Meeting, user: User) -> OutcomeSide | None:
    """The side a user answers for: the organiser, or a member of one of the two organisations."""
    if is_organiser(user):
        return OutcomeSide.ORGANISER
    if user.role == Role.FIRM and user.organization_id == meeting.firm.organization_id:
        return OutcomeSide.FIRM
    if user.role == Role.TEAM and user.organization_id == meeting.team.organization_id:
        return OutcomeSide.TEAM
    return None


def outcome_of(meeting: Meeting, side: OutcomeSide) -> MeetingOutcome | None:
    return db.session.scalar(
        sa.select(MeetingOutcome).where(MeetingOutcome.meeting_id == meeting.id, MeetingOutcome.side == side)
    )


def record(
    meeting: Meeting,
    side: OutcomeSide,
    kind: OutcomeKind,
    user: User,
    amount: Decimal | None = None,
    agreed_on: date | None = None,
    comment: str = "",
) -> MeetingOutcome:
    if not meeting_over(meeting):
        raise DealError(_("洽谈结束后才能填写成果。"))
    if kind == OutcomeKind.AGREEMENT:
        if amount is None or not amount.is_finite() or amount < 0:
            raise DealError(_("达成协议须填写金额（万元，不小于0）。"))
        if agreed_on is None or agreed_on > local_today():
            raise DealError(_("达成协议须填写协议日期，且不能晚于今天。"))
    else:
        amount = agreed_on = None  # only an agreement has a sum and a date
    outcome = outcome_of(meeting, side)
    if outcome is None:
        outcome = MeetingOutcome(meeting_id=meeting.id, side=side)
        db.session.add(outcome)
    outcome.kind, outcome.amount, outcome.agreed_on = kind, amount, agreed_on
    outcome.comment, outcome.recorded_by_id = (comment or "").strip(), user.id
    db.session.flush()
    audit.record("outcome.recorded", outcome, user, meeting_id=meeting.id, side=side.value, kind=kind.value)
    if kind in OPENS_DEAL:
        opening.from_meeting(meeting, outcome, user)
    return outcome


def feedback_of(participant: EventParticipant) -> EventFeedback | None:
    return db.session.scalar(sa.select(EventFeedback).where(EventFeedback.participant_id == participant.id))


def give_feedback(participant: EventParticipant, rating: int, comment: str, user: User) -> EventFeedback:
    if not event_over(participant.event):
        raise DealError(_("活动举办后才能评价。"))
    if not 1 <= rating <= 5:
        raise DealError(_("评分应为 1 到 5 分。"))
    found = feedback_of(participant)
    if found is None:
        found = EventFeedback(event_id=participant.event_id, participant_id=participant.id)
        db.session.add(found)
    found.rating, found.comment = rating, (comment or "").strip()
    db.session.flush()
    audit.record("event.feedback", found, user, event_id=participant.event_id, rating=rating)
    return found
