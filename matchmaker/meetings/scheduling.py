"""The organiser's agenda: start a solve, lock, force or cancel a meeting, publish.

Publishing copies each meeting's draft place to the published one and tells every confirmed
participant (inbox and e-mail); those whose meetings moved or were cancelled are told so."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker import audit
from matchmaker.background import outbox, progress
from matchmaker.extensions import db
from matchmaker.meetings import grid
from matchmaker.meetings.errors import MeetingError
from matchmaker.meetings.people import agenda_link, tell
from matchmaker.meetings.queries import between, confirmed, scheduled
from matchmaker.meetings.requests import organiser_add
from matchmaker.models import (
    AgendaRun,
    Event,
    EventParticipant,
    EventStatus,
    Meeting,
    MeetingSource,
    MeetingStatus,
    RequestStatus,
    User,
)
from matchmaker.models.base import utcnow

SOLVE_KIND = "meetings.solve"
progress.register_kind(SOLVE_KIND, _l("洽谈日程排程"))
SCHEDULING = (EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED, EventStatus.HELD)


def require_grid(event: Event) -> None:
    if event.status not in SCHEDULING:
        raise MeetingError(_("活动%(status)s，不能排程。", status=event.status.label))
    if not grid.is_set(event):
        raise MeetingError(_("请先设置洽谈时段和洽谈桌。"))


def start_solve(event: Event, actor: User, keep_published: bool = True) -> AgendaRun:
    from matchmaker.meetings.tasks import SOLVE_TASK

    require_grid(event)
    if SOLVE_TASK not in current_app.extensions["celery"].tasks:
        raise MeetingError(_("排程模块尚未就绪。"))
    task_run = progress.start(SOLVE_KIND, actor.id)
    run = AgendaRun(event_id=event.id, task_run_id=task_run.id, keep_published=keep_published)
    db.session.add(run)
    db.session.flush()
    outbox.enqueue(SOLVE_TASK, agenda_run_id=run.id, task_run_id=task_run.id)
    audit.record("meeting.solve", event, actor, run=run.id, keep_published=keep_published)
    return run


def meeting_of(event: Event, meeting_id: int) -> Meeting | None:
    meeting = db.session.get(Meeting, meeting_id)
    return meeting if meeting is not None and meeting.event_id == event.id else None


def toggle_lock(meeting: Meeting, actor: User) -> None:
    if meeting.status != MeetingStatus.SCHEDULED:
        raise MeetingError(_("只能锁定已安排的洽谈。"))
    meeting.locked = not meeting.locked
    audit.record("meeting.lock", meeting, actor, locked=meeting.locked)


def cancel(meeting: Meeting, actor: User, reason: str = "") -> None:
    """Cancel one meeting and its request; both sides told at once (a published meeting is
    already in their agenda)."""
    if meeting.status != MeetingStatus.SCHEDULED:
        raise MeetingError(_("这场洽谈已%(s)s。", s=meeting.status.label))
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason.strip()[:500] or _("组织方取消")
    if meeting.request is not None:
        meeting.request.status = RequestStatus.CANCELLED
        meeting.request.reason = meeting.cancel_reason
    audit.record("meeting.cancel", meeting, actor, reason=meeting.cancel_reason)
    if meeting.is_published:
        _tell_pair(meeting, _("洽谈已取消"), meeting.cancel_reason)


def _tell_pair(meeting: Meeting, headline: str, body: str = "") -> None:
    event = meeting.event
    for me, other in ((meeting.firm, meeting.team), (meeting.team, meeting.firm)):
        tell(
            [me],
            "meeting.changed",
            _(
                "%(h)s：与 %(org)s（%(when)s）",
                h=headline,
                org=other.organization.name,
                when=grid.slot_label(event, meeting.published_slot if meeting.is_published else meeting.slot),
            ),
            body,
            agenda_link(event),
        )


def check_cell(event: Event, slot: int, table: str | None, firm: EventParticipant, team: EventParticipant) -> None:
    """A meeting may go to this cell: inside the grid, not a break, table free, both free and available."""
    if not 0 <= slot < event.slot_count or slot in (event.break_slots or []):
        raise MeetingError(_("请选择洽谈时段内的场次（不含休息）。"))
    if table is None and not grid.online(event):
        raise MeetingError(_("本活动不安排线上洽谈。"))
    if table is not None and table not in event.tables:
        raise MeetingError(_("没有这张洽谈桌。"))
    for m in scheduled(event):
        if m.slot != slot:
            continue
        if table is not None and m.table == table:
            raise MeetingError(_("%(t)s 在该场次已有洽谈。", t=table))
        if {m.firm_participant_id, m.team_participant_id} & {firm.id, team.id}:
            raise MeetingError(_("有一方在该场次已有洽谈。"))
    for p in (firm, team):
        if slot in (p.unavailable_slots or []):
            raise MeetingError(_("%(org)s 在该场次不能参会。", org=p.organization.name))


def force(
    event: Event,
    firm: EventParticipant,
    team: EventParticipant,
    slot: int,
    table: str | None,
    actor: User,
    source: MeetingSource = MeetingSource.ORGANISER,
) -> Meeting:
    """Put a pair at one cell, locked: the solver keeps it there. Their accepted request is used
    (or the organiser makes one); a meeting the pair already has moves here (a published one
    counts as moved when the agenda is published again)."""
    require_grid(event)
    existing = next(
        (m for m in scheduled(event) if {m.firm_participant_id, m.team_participant_id} == {firm.id, team.id}), None
    )
    if existing is not None:
        existing.status = MeetingStatus.CANCELLED  # out of the way while the cell is checked
        db.session.flush()
    try:
        check_cell(event, slot, table, firm, team)
    except MeetingError:
        if existing is not None:
            existing.status = MeetingStatus.SCHEDULED
        raise
    if existing is not None:
        existing.status = MeetingStatus.SCHEDULED
        meeting = existing
    else:
        request = between(firm, team, (RequestStatus.ACCEPTED,))
        if request is None:
            request = organiser_add(event, firm, team, actor)
        meeting = Meeting(
            event_id=event.id,
            request_id=request.id,
            firm_participant_id=firm.id,
            team_participant_id=team.id,
            source=source,
            slot=slot,
            table=table,
        )
        db.session.add(meeting)
    meeting.slot, meeting.table, meeting.locked = slot, table, True
    db.session.flush()
    audit.record("meeting.force", meeting, actor, slot=slot, table=table, source=source.value)
    return meeting


def set_link(meeting: Meeting, link: str, actor: User) -> None:
    if meeting.table is not None:
        raise MeetingError(_("只有线上洽谈需要会议链接。"))
    meeting.online_link = link
    audit.record("meeting.link", meeting, actor)
    if meeting.is_published:
        _tell_pair(meeting, _("线上洽谈链接已更新"), link)


def publish(event: Event, actor: User) -> dict[str, int]:
    """Participants see the draft from now on. Everybody confirmed is told; moved and cancelled
    meetings are named in the notice."""
    require_grid(event)
    now = utcnow()
    moved = new = 0
    changed: dict[int, list[str]] = {}
    for meeting in scheduled(event):
        if meeting.changed_since_published:
            meeting.moved_count += 1
            moved += 1
            for p in (meeting.firm, meeting.team):
                changed.setdefault(p.id, []).append(
                    _(
                        "与 %(org)s 的洽谈改到 %(when)s %(t)s",
                        org=(meeting.team if p is meeting.firm else meeting.firm).organization.name,
                        when=grid.slot_label(event, meeting.slot),
                        t=grid.table_label(meeting.table),
                    )
                )
        elif not meeting.is_published:
            new += 1
        meeting.published_slot, meeting.published_table, meeting.published_at = meeting.slot, meeting.table, now
    counts: dict[int, int] = {}
    for meeting in scheduled(event):
        for p in (meeting.firm_participant_id, meeting.team_participant_id):
            counts[p] = counts.get(p, 0) + 1
    for p in confirmed(event):
        body = _("贵单位共有 %(n)d 场一对一洽谈。", n=counts.get(p.id, 0))
        if changed.get(p.id):
            body += " " + "；".join(changed[p.id]) + "。"
        tell([p], "meeting.published", _("洽谈日程已发布：%(t)s", t=event.title), body, agenda_link(event))
    audit.record("meeting.publish", event, actor, moved=moved, new=new)
    return {"moved": moved, "new": new, "total": sum(counts.values()) // 2}
