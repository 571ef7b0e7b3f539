"""Who takes part: invitations and answers, self-registration and approval, capacity per side and
the waiting list that fills freed places in order."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.events.errors import EventError
from matchmaker.events.lifecycle import OPEN_FOR_REGISTRATION
from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    EventParticipant,
    EventStatus,
    Organization,
    OrgKind,
    ParticipantSource,
    ParticipantStatus,
    Role,
    Side,
    User,
)
from matchmaker.models.base import utcnow
from matchmaker.notifications.operations import notify
from matchmaker.timezones import local_today

P = ParticipantStatus
HOLDS_PLACE = (P.ACCEPTED, P.APPROVED)
STILL_OPEN = (EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED)


def side_of(org: Organization) -> Side | None:
    if org.kind == OrgKind.FIRM:
        return Side.FIRM
    if org.kind in (OrgKind.UNIVERSITY, OrgKind.INSTITUTE):
        return Side.TEAM
    return None


def role_of(side: Side) -> Role:
    return Role.FIRM if side == Side.FIRM else Role.TEAM


def places_taken(event: Event, side: Side) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            EventParticipant.event_id == event.id,
            EventParticipant.side == side,
            EventParticipant.status.in_(HOLDS_PLACE),
        )
    )


def places_left(event: Event, side: Side) -> int:
    return max(event.capacity(side) - places_taken(event, side), 0)


def of_organization(event: Event, org_id: int) -> EventParticipant | None:
    return db.session.scalar(
        sa.select(EventParticipant).where(
            EventParticipant.event_id == event.id, EventParticipant.organization_id == org_id
        )
    )


def _members(org_id: int, side: Side) -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User).where(User.organization_id == org_id, User.active, User.role == role_of(side))
        )
    )


def _organisers() -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.active, User.role.in_((Role.ORGANISER, Role.ADMIN)))))


def _link(event: Event) -> str:
    return url_for("events.detail", event_id=event.id)


def _require_open(event: Event) -> None:
    if event.status not in STILL_OPEN:
        raise EventError(_("活动已%(status)s，参会名单不能再更改。", status=event.status.label))


# ---------------------------------------------------------------- organiser: invitations


def invite(
    event: Event, orgs: Iterable[Organization], source: ParticipantSource, actor: User, why: dict | None = None
) -> list[EventParticipant]:
    """Invite organisations (firms or university/institute teams); each gets an inbox notice and an
    e-mail with accept / decline. Organisations already on the list are skipped."""
    _require_open(event)
    why = why or {}
    made = []
    for org in orgs:
        side = side_of(org)
        if side is None or of_organization(event, org.id) is not None:
            continue
        participant = EventParticipant(
            event=event,
            organization_id=org.id,
            side=side,
            status=P.INVITED,
            source=source,
            suggestion=why.get(org.id, {}),
            invited_at=utcnow(),
        )
        db.session.add(participant)
        made.append(participant)
        notify(
            _members(org.id, side),
            "event.invitation",
            _("邀请参加：%(t)s", t=event.title),
            _("%(day)s · %(city)s。请在活动页面接受或谢绝邀请。", day=event.starts_on.isoformat(), city=event.city),
            _link(event),
        )
    db.session.flush()
    if made:
        audit.record("event.invite", event, actor, organizations=[p.organization_id for p in made])
    return made


def remove(participant: EventParticipant, actor: User) -> None:
    """Take an organisation off the list (an invitation sent by mistake, a duplicate)."""
    event = participant.event
    _require_open(event)
    held = participant.status in HOLDS_PLACE
    audit.record("event.participant.remove", event, actor, organization=participant.organization_id)
    notify(
        _members(participant.organization_id, participant.side),
        "event.removed",
        _("参会安排变更：%(t)s", t=event.title),
        "",
        _link(event),
    )
    db.session.delete(participant)
    db.session.flush()
    if held:
        promote_waiting(event, participant.side)


# ---------------------------------------------------------------- invitees


def answer(participant: EventParticipant, accept: bool, user: User, reason: str = "") -> None:
    """An invited organisation accepts (a place, or the waiting list when full) or declines. One that
    accepted may still withdraw, which frees its place for the next on the waiting list."""
    event = participant.event
    _require_open(event)
    if accept:
        if participant.status != P.INVITED:
            raise EventError(_("这份邀请已答复。"))
        _take_place_or_wait(participant, P.ACCEPTED)
    else:
        if participant.status not in (P.INVITED, P.ACCEPTED, P.WAITING, P.APPROVED, P.REGISTERED):
            raise EventError(_("这份邀请已答复。"))
        held = participant.status in HOLDS_PLACE
        participant.status = P.DECLINED
        participant.reason = reason.strip()[:500]
        if held:
            promote_waiting(event, participant.side)
    participant.user_id = user.id
    participant.responded_at = utcnow()
    audit.record("event.answer", event, user, participant=participant.id, status=participant.status.value)
    notify(
        _organisers(),
        "event.answer",
        _(
            "%(org)s %(status)s：%(t)s",
            org=participant.organization.name,
            status=participant.status.label,
            t=event.title,
        ),
        participant.reason,
        url_for("events.participants_list", event_id=event.id),
    )


def _take_place_or_wait(participant: EventParticipant, status: ParticipantStatus) -> None:
    if places_left(participant.event, participant.side) > 0:
        participant.status = status
        participant.waiting_since = None
    else:
        participant.status = P.WAITING
        participant.waiting_since = utcnow()
        # Remember what the place would be once freed: an invitee accepted, a registrant approved.
        participant.reason = status.value


def promote_waiting(event: Event, side: Side) -> list[EventParticipant]:
    """Fill freed places from the waiting list, first come first served, and tell those promoted."""
    db.session.flush()
    promoted = []
    while places_left(event, side) > 0:
        nxt = db.session.scalar(
            sa.select(EventParticipant)
            .where(
                EventParticipant.event_id == event.id,
                EventParticipant.side == side,
                EventParticipant.status == P.WAITING,
            )
            .order_by(EventParticipant.waiting_since, EventParticipant.id)
            .limit(1)
        )
        if nxt is None:
            break
        nxt.status = P.APPROVED if nxt.reason == P.APPROVED.value else P.ACCEPTED
        nxt.reason = ""
        nxt.waiting_since = None
        db.session.flush()
        promoted.append(nxt)
        notify(
            _members(nxt.organization_id, nxt.side),
            "event.promoted",
            _("候补转正：%(t)s", t=event.title),
            _("有名额空出，贵单位已确认参会。"),
            _link(event),
        )
    return promoted


# ---------------------------------------------------------------- self-registration


def register(event: Event, user: User, message: str = "") -> EventParticipant:
    if event.status not in OPEN_FOR_REGISTRATION:
        raise EventError(_("该活动当前不接受报名。"))
    if event.registration_deadline and local_today() > event.registration_deadline:
        raise EventError(_("报名已于 %(day)s 截止。", day=event.registration_deadline.isoformat()))
    org = user.organization
    if not org.is_verified:
        raise EventError(_("贵单位尚未通过审核，审核通过后即可报名。"))
    side = side_of(org)
    if side is None or user.role != role_of(side):
        raise EventError(_("只有企业和高校、科研院所的用户可以报名。"))
    existing = of_organization(event, org.id)
    if existing is not None:
        raise EventError(_("贵单位已在名单中（%(status)s）。", status=existing.status.label))
    participant = EventParticipant(
        event=event,
        organization_id=org.id,
        user_id=user.id,
        side=side,
        status=P.REGISTERED,
        source=ParticipantSource.SELF,
        message=message.strip()[:1000],
    )
    db.session.add(participant)
    db.session.flush()
    audit.record("event.register", event, user, participant=participant.id)
    notify(
        _organisers(),
        "event.registration",
        _("新报名：%(org)s · %(t)s", org=org.name, t=event.title),
        participant.message,
        url_for("events.participants_list", event_id=event.id),
    )
    return participant


def decide(participant: EventParticipant, approve: bool, actor: User, reason: str = "") -> None:
    """The organiser approves a registration (a place, or the waiting list when full) or declines it."""
    _require_open(participant.event)
    if participant.status != P.REGISTERED:
        raise EventError(_("只能审核待审核的报名。"))
    if approve:
        _take_place_or_wait(participant, P.APPROVED)
    else:
        participant.status = P.REJECTED
        participant.reason = reason.strip()[:500]
    participant.responded_at = utcnow()
    audit.record("event.decide", participant.event, actor, participant=participant.id, status=participant.status.value)
    title = {
        P.APPROVED: _("报名已通过：%(t)s", t=participant.event.title),
        P.WAITING: _("已列入候补：%(t)s", t=participant.event.title),
        P.REJECTED: _("报名未通过：%(t)s", t=participant.event.title),
    }[participant.status]
    notify(
        _members(participant.organization_id, participant.side),
        "event.decision",
        title,
        participant.reason if not approve else "",
        _link(participant.event),
    )
