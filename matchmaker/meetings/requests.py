"""The rules of meeting requests: who may ask whom, answers, the time-out and its reminder, and
the meetings the organiser makes for two participants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.meetings import grid
from matchmaker.meetings.errors import MeetingError
from matchmaker.meetings.pairs import fit
from matchmaker.meetings.people import browse_link, organisers, tell
from matchmaker.meetings.queries import CONFIRMED, between
from matchmaker.models import (
    Event,
    EventParticipant,
    EventStatus,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    RequestStatus,
    Side,
    User,
)
from matchmaker.models.base import utcnow
from matchmaker.notifications.operations import notify
from matchmaker.timezones import local_dt, to_local

R = RequestStatus
OPEN_FOR_REQUESTS = (EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED)
REMIND_WHEN_LEFT = 0.25  # remind the recipient when a quarter of the answer time is left


def aware(moment: datetime) -> datetime:
    return to_local(moment)  # SQLite returns naive UTC; comparisons need aware moments


def require_open(event: Event, now: datetime | None = None) -> None:
    if event.status not in OPEN_FOR_REQUESTS:
        raise MeetingError(_("活动已%(status)s，不能再预约洽谈。", status=event.status.label))
    if not grid.is_set(event):
        raise MeetingError(_("组织方尚未设置洽谈时段，暂不能预约。"))
    if event.request_deadline and aware(event.request_deadline) < (now or utcnow()):
        raise MeetingError(_("洽谈预约已于 %(at)s 截止。", at=local_dt(event.request_deadline)))


def _pair(a: EventParticipant, b: EventParticipant) -> tuple[EventParticipant, EventParticipant]:
    """(firm, team) whichever order they come in."""
    return (a, b) if a.side == Side.FIRM else (b, a)


def _check_pair(event: Event, a: EventParticipant, b: EventParticipant) -> None:
    if a.event_id != event.id or b.event_id != event.id or a.side == b.side:
        raise MeetingError(_("洽谈只能在本活动的企业与科研团队之间进行。"))
    if a.status not in CONFIRMED or b.status not in CONFIRMED:
        raise MeetingError(_("只能与已确认参会的单位洽谈。"))


def send(
    event: Event, sender: EventParticipant, recipient: EventParticipant, user: User, message: str
) -> MeetingRequest:
    """Ask for a meeting. If the other side already asked, this is a yes to theirs: both wanted it."""
    now = utcnow()
    require_open(event, now)
    _check_pair(event, sender, recipient)
    existing = between(sender, recipient)
    if existing is not None:
        if existing.status == R.PENDING and existing.to_participant_id == sender.id:
            existing.mutual = True
            answer(existing, sender, user, accept=True)
            return existing
        raise MeetingError(_("与该单位已有洽谈邀约（%(s)s）。", s=existing.status.label))
    if _declined_by(recipient, sender):
        raise MeetingError(_("%(org)s 已谢绝贵单位的邀约。", org=recipient.organization.name))
    firm, team = _pair(sender, recipient)
    expires = now + timedelta(hours=event.answer_timeout_hours)
    if event.request_deadline:
        expires = min(expires, aware(event.request_deadline).astimezone(UTC))  # UTC: SQLite keeps no offset
    made = MeetingRequest(
        event_id=event.id,
        from_participant_id=sender.id,
        to_participant_id=recipient.id,
        sent_by_id=user.id,
        message=message.strip()[:500],
        match_score=fit(firm.organization_id, team.organization_id).score,
        expires_at=expires,
    )
    db.session.add(made)
    db.session.flush()
    audit.record("meeting.request", made, user, event=event.id, to=recipient.id)
    tell(
        [recipient],
        "meeting.request",
        _("洽谈邀约：%(org)s", org=sender.organization.name),
        _(
            "%(org)s 希望在“%(t)s”与贵单位一对一洽谈。%(msg)s 请于 %(at)s 前答复。",
            org=sender.organization.name,
            t=event.title,
            msg=made.message,
            at=local_dt(expires),
        ),
        browse_link(event),
    )
    return made


def _declined_by(recipient: EventParticipant, sender: EventParticipant) -> bool:
    """A decline stands: the same sender may not ask the same recipient again."""
    found = db.session.scalar(
        sa.select(MeetingRequest.id).where(
            MeetingRequest.from_participant_id == sender.id,
            MeetingRequest.to_participant_id == recipient.id,
            MeetingRequest.status == R.DECLINED,
        )
    )
    return found is not None


def answer(request: MeetingRequest, recipient: EventParticipant, user: User, accept: bool, reason: str = "") -> None:
    now = utcnow()
    if request.to_participant_id != recipient.id:
        raise MeetingError(_("只能答复发给贵单位的邀约。"))
    if request.status != R.PENDING:
        raise MeetingError(_("这份邀约已%(s)s。", s=request.status.label))
    if request.expires_at and aware(request.expires_at) <= now:
        expire(request)
        raise MeetingError(_("这份邀约已超过答复期限，已过期。"))
    if request.event.status not in OPEN_FOR_REQUESTS:
        raise MeetingError(_("活动已%(status)s，不能再答复邀约。", status=request.event.status.label))
    request.status = R.ACCEPTED if accept else R.DECLINED
    request.reason = "" if accept else reason.strip()[:500]
    request.answered_by_id = user.id
    request.answered_at = now
    audit.record("meeting.answer", request, user, status=request.status.value)
    title = (
        _("%(org)s 接受了洽谈邀约", org=recipient.organization.name)
        if accept
        else _("%(org)s 谢绝了洽谈邀约", org=recipient.organization.name)
    )
    body = _("组织方排定日程后会通知具体时间和洽谈桌。") if accept else request.reason
    tell([request.sender], "meeting.answer", title, body, browse_link(request.event))


def withdraw(request: MeetingRequest, participant: EventParticipant, user: User, reason: str = "") -> None:
    """The sender withdraws a pending request; either side may call off an accepted one (its
    meeting, if placed, is cancelled and the other side told)."""
    if participant.id not in (request.from_participant_id, request.to_participant_id):
        raise MeetingError(_("只能取消贵单位的邀约。"))
    if request.status == R.PENDING and participant.id != request.from_participant_id:
        raise MeetingError(_("待答复的邀约请选择接受或谢绝。"))
    if request.status not in (R.PENDING, R.ACCEPTED):
        raise MeetingError(_("这份邀约已%(s)s。", s=request.status.label))
    request.status = R.CANCELLED
    request.reason = reason.strip()[:500]
    for meeting in _meetings_of(request):
        meeting.status = MeetingStatus.CANCELLED
        meeting.cancel_reason = _("一方取消了洽谈")
    audit.record("meeting.request.cancel", request, user)
    other = request.recipient if participant.id == request.from_participant_id else request.sender
    tell(
        [other],
        "meeting.cancelled",
        _("%(org)s 取消了洽谈", org=participant.organization.name),
        request.reason,
        browse_link(request.event),
    )


def _meetings_of(request: MeetingRequest) -> list[Meeting]:
    return list(
        db.session.scalars(
            sa.select(Meeting).where(Meeting.request_id == request.id, Meeting.status == MeetingStatus.SCHEDULED)
        )
    )


def expire(request: MeetingRequest) -> None:
    request.status = R.EXPIRED
    request.answered_at = utcnow()
    event = request.event
    tell(
        [request.sender],
        "meeting.expired",
        _("洽谈邀约已过期：%(org)s", org=request.recipient.organization.name),
        _("对方未在答复期限内回复。您可以向其他单位发出邀约。"),
        browse_link(event),
    )
    tell(
        [request.recipient],
        "meeting.expired",
        _("未答复的洽谈邀约已过期：%(org)s", org=request.sender.organization.name),
        "",
        browse_link(event),
    )


def expire_due(now: datetime | None = None) -> int:
    """Pending requests past their time-out expire (both sides told). Idempotent."""
    now = now or utcnow()
    due = db.session.scalars(
        sa.select(MeetingRequest).where(MeetingRequest.status == R.PENDING, MeetingRequest.expires_at <= now)
    )
    count = 0
    for request in due:
        expire(request)
        count += 1
    db.session.flush()
    return count


def remind_due(now: datetime | None = None) -> int:
    """One reminder per pending request, when a quarter of its answer time is left."""
    now = now or utcnow()
    pending = db.session.scalars(
        sa.select(MeetingRequest).where(
            MeetingRequest.status == R.PENDING,
            MeetingRequest.reminded_at.is_(None),
            MeetingRequest.expires_at > now,
        )
    )
    count = 0
    for request in pending:
        expires, sent = aware(request.expires_at), aware(request.created_at)
        if expires - now > (expires - sent) * REMIND_WHEN_LEFT:
            continue
        request.reminded_at = now
        tell(
            [request.recipient],
            "meeting.reminder",
            _("请尽快答复洽谈邀约：%(org)s", org=request.sender.organization.name),
            _("邀约将于 %(at)s 过期。", at=local_dt(request.expires_at)),
            browse_link(request.event),
        )
        count += 1
    db.session.flush()
    return count


def organiser_add(event: Event, a: EventParticipant, b: EventParticipant, actor: User) -> MeetingRequest:
    """The organiser makes a meeting for two participants: an accepted request the solver places."""
    if event.status not in (*OPEN_FOR_REQUESTS, EventStatus.HELD):
        raise MeetingError(_("活动已%(status)s，不能再安排洽谈。", status=event.status.label))
    _check_pair(event, a, b)
    firm, team = _pair(a, b)
    existing = between(firm, team)
    if existing is not None and existing.status == R.ACCEPTED:
        raise MeetingError(_("这两家单位已约定洽谈。"))
    if existing is not None:  # a pending request: the organiser settles it
        existing.status, existing.answered_at, existing.answered_by_id = R.ACCEPTED, utcnow(), actor.id
        existing.mutual = True
        made = existing
    else:
        made = MeetingRequest(
            event_id=event.id,
            from_participant_id=firm.id,
            to_participant_id=team.id,
            sent_by_id=actor.id,
            by_organiser=True,
            status=R.ACCEPTED,
            mutual=True,  # the organiser vouches for the meeting: it weighs like a mutual one
            match_score=fit(firm.organization_id, team.organization_id).score,
            answered_at=utcnow(),
            answered_by_id=actor.id,
        )
        db.session.add(made)
    db.session.flush()
    audit.record("meeting.organiser_add", made, actor, firm=firm.id, team=team.id)
    for me, other in ((firm, team), (team, firm)):
        tell(
            [me],
            "meeting.added",
            _("组织方为您安排了洽谈：%(org)s", org=other.organization.name),
            _("排定日程后会通知具体时间和洽谈桌。"),
            browse_link(event),
        )
    return made


def tell_organisers(event: Event, title: str, body: str = "") -> None:
    notify(organisers(), "meeting.organiser", title, body, url_for("meetings.organise", event_id=event.id))
