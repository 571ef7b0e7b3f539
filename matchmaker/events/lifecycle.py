"""An event's status and the only ways it may change. Every transition is checked here,
audited and told to the participants it concerns."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.events.errors import EventError
from matchmaker.models import Event, EventStatus, User
from matchmaker.models.base import utcnow
from matchmaker.notifications.operations import notify
from matchmaker.timezones import local_today

S = EventStatus
# status -> the statuses it may move to
ALLOWED: dict[EventStatus, tuple[EventStatus, ...]] = {
    S.DRAFT: (S.PUBLISHED, S.CANCELLED),
    S.PUBLISHED: (S.REGISTRATION_CLOSED, S.HELD, S.CANCELLED, S.DRAFT),
    S.REGISTRATION_CLOSED: (S.PUBLISHED, S.HELD, S.CANCELLED),
    S.HELD: (S.CLOSED,),
    S.CLOSED: (),
    S.CANCELLED: (),
}
PUBLIC = (S.PUBLISHED, S.REGISTRATION_CLOSED, S.HELD, S.CLOSED, S.CANCELLED)
OPEN_FOR_REGISTRATION = (S.PUBLISHED,)


def may_move(event: Event, target: EventStatus) -> bool:
    return target in ALLOWED[event.status]


def problems_before_publishing(event: Event, today: date | None = None) -> list[str]:
    """What keeps an event from going public, in words an organiser can act on."""
    today = today or local_today()
    found = []
    if not event.chains:
        found.append(_("请选择至少一条产业链作为活动主题。"))
    if event.starts_on < today:
        found.append(_("活动日期已过，请修改日期。"))
    if not event.city or not (event.venue or event.format.value == "online"):
        found.append(_("请填写举办城市和地点。"))
    if event.registration_deadline and event.registration_deadline > event.starts_on:
        found.append(_("报名截止日期不能晚于活动日期。"))
    if event.registration_deadline and event.registration_deadline < today:
        found.append(_("报名截止日期已过，请修改。"))
    return found


def move(event: Event, target: EventStatus, actor: User, reason: str = "") -> None:
    if not may_move(event, target):
        raise EventError(_("活动当前为“%(now)s”，不能改为“%(target)s”。", now=event.status.label, target=target.label))
    if target == S.PUBLISHED and event.status == S.DRAFT and (problems := problems_before_publishing(event)):
        raise EventError(" ".join(problems))
    if target == S.HELD and event.starts_on > local_today():
        raise EventError(_("活动尚未举行（%(day)s），不能标记为已举办。", day=event.starts_on.isoformat()))
    if target == S.CANCELLED and not reason.strip():
        raise EventError(_("取消活动请填写原因，参会单位会收到通知。"))
    before = event.status
    event.status = target
    if target == S.PUBLISHED and event.published_at is None:
        event.published_at = utcnow()
    if target == S.CANCELLED:
        event.cancel_reason = reason.strip()
    audit.record("event.status", event, actor, before=before.value, after=target.value, reason=reason.strip())
    _tell_participants(event, target)


def _tell_participants(event: Event, target: EventStatus) -> None:
    users = [
        p.user for p in event.participants if p.user is not None and p.status.value not in ("declined", "rejected")
    ]
    if not users:
        return
    titles = {
        S.REGISTRATION_CLOSED: _("“%(t)s”报名已截止", t=event.title),
        S.PUBLISHED: _("“%(t)s”重新开放报名", t=event.title),
        S.HELD: _("“%(t)s”已举办，感谢参与", t=event.title),
        S.CLOSED: _("“%(t)s”已结束", t=event.title),
        S.CANCELLED: _("“%(t)s”已取消", t=event.title),
        S.DRAFT: _("“%(t)s”暂停发布，安排调整中", t=event.title),
    }
    body = event.cancel_reason if target == S.CANCELLED else ""
    notify(users, "event.status", titles[target], body, url_for("events.detail", event_id=event.id))
