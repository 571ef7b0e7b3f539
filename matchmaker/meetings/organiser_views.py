"""The organiser's side: the grid's settings, the agenda (solve, review, lock, re-run, publish),
and meetings made, forced or cancelled by hand."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import allow
from matchmaker.events.loading import event_or_404
from matchmaker.extensions import db
from matchmaker.form_choices import choices
from matchmaker.meetings import grid, queries, requests, scheduling, settings
from matchmaker.meetings.blueprint import ORGANISERS, bp
from matchmaker.meetings.errors import MeetingError
from matchmaker.meetings.forms import (
    ONLINE_CHOICE,
    ButtonForm,
    GridForm,
    LinkForm,
    PairForm,
    PlaceForm,
    ReasonForm,
    SolveForm,
)
from matchmaker.meetings.loading import participant_of
from matchmaker.models import AgendaRun, Event, RequestStatus, Side
from matchmaker.view_writes import attempt


def _organise(event_id: int):
    return redirect(url_for(".organise", event_id=event_id))


def pair_choices(event: Event, form: PairForm) -> None:
    firms, teams = queries.confirmed(event, Side.FIRM), queries.confirmed(event, Side.TEAM)
    form.firm.choices = choices([("", _("选择企业…")), *((str(p.id), p.organization.name) for p in firms)])
    form.team.choices = choices([("", _("选择科研团队…")), *((str(p.id), p.organization.name) for p in teams)])


def place_choices(event: Event, form: PlaceForm) -> None:
    pair_choices(event, form)
    form.slot.choices = choices(
        (str(s.number), f"{s.number + 1}. {s.label}") for s in grid.slots(event) if not s.is_break
    )
    tables = [(t, t) for t in event.tables]
    if grid.online(event):
        tables.append((ONLINE_CHOICE, _("线上")))
    form.table.choices = choices(tables)


def read_place(event: Event, form: PlaceForm):
    """(firm, team, slot, table) from a validated PlaceForm; raises MeetingError on a stale choice."""
    firm, team = participant_of(event, form.firm.data), participant_of(event, form.team.data)
    if firm is None or team is None:
        raise MeetingError(_("请选择本活动的企业和科研团队。"))
    table = None if form.table.data == ONLINE_CHOICE else form.table.data
    return firm, team, int(form.slot.data), table


def _meeting(event: Event, meeting_id: int):
    return scheduling.meeting_of(event, meeting_id) or abort(404)


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        flash(" ".join(map(str, errors)), "warning")


@bp.route("/settings", methods=["GET", "POST"])
@allow(*ORGANISERS)
def settings_page(event_id: int):
    event = event_or_404(event_id)
    form = GridForm()
    if form.validate_on_submit():
        if attempt(lambda: settings.apply(form, event, current_user), MeetingError, _("洽谈时段已保存。")):
            return _organise(event_id)
    elif not form.is_submitted():
        settings.fill(form, event)
    return render_template(
        "meetings/settings.html", event=event, form=form, online_allowed=event.format.value != "offline"
    )


@bp.route("/organise")
@allow(*ORGANISERS)
def organise(event_id: int):
    event = event_or_404(event_id)
    last = db.session.scalar(
        sa.select(AgendaRun).where(AgendaRun.event_id == event.id).order_by(AgendaRun.id.desc()).limit(1)
    )
    pair_form, place_form = PairForm(), PlaceForm()
    pair_choices(event, pair_form)
    place_choices(event, place_form)
    meetings = queries.scheduled(event)
    unscheduled = [
        r for r in queries.event_requests(event, RequestStatus.ACCEPTED) if r.id not in {m.request_id for m in meetings}
    ]
    return render_template(
        "meetings/organise.html",
        event=event,
        slots=grid.slots(event),
        tables=[*event.tables, *([None] if grid.online(event) else [])],
        cells=queries.grid(event),
        meetings=meetings,
        unscheduled=unscheduled,
        counts=queries.request_counts(event),
        last=last,
        grid_set=grid.is_set(event),
        drafts=sum(1 for m in meetings if not m.is_published or m.changed_since_published),
        solve_form=SolveForm(),
        pair_form=pair_form,
        place_form=place_form,
        reason_form=ReasonForm(),
        link_form=LinkForm(),
        button=ButtonForm(),
    )


@bp.route("/solve", methods=["POST"])
@allow(*ORGANISERS)
def solve(event_id: int):
    event = event_or_404(event_id)
    form = SolveForm()
    if form.validate_on_submit():
        attempt(
            lambda: scheduling.start_solve(event, current_user, keep_published=bool(form.keep_published.data)),
            MeetingError,
            _("已开始排程，进度见下方。"),
        )
    return _organise(event_id)


@bp.route("/publish", methods=["POST"])
@allow(*ORGANISERS)
def publish(event_id: int):
    event = event_or_404(event_id)
    if ButtonForm().validate_on_submit():
        attempt(
            lambda: scheduling.publish(event, current_user),
            MeetingError,
            lambda done: _(
                "日程已发布：共 %(n)d 场洽谈，新增 %(new)d 场，调整 %(m)d 场；已通知全部参会单位。",
                n=done["total"],
                new=done["new"],
                m=done["moved"],
            ),
        )
    return _organise(event_id)


@bp.route("/<int:meeting_id>/lock", methods=["POST"])
@allow(*ORGANISERS)
def lock(event_id: int, meeting_id: int):
    event = event_or_404(event_id)
    meeting = _meeting(event, meeting_id)
    if ButtonForm().validate_on_submit():
        attempt(
            lambda: scheduling.toggle_lock(meeting, current_user),
            MeetingError,
            lambda _locked: _("已锁定，重新排程时保持不动。") if meeting.locked else _("已解除锁定。"),
        )
    return _organise(event_id)


@bp.route("/<int:meeting_id>/cancel", methods=["POST"])
@allow(*ORGANISERS)
def cancel(event_id: int, meeting_id: int):
    event = event_or_404(event_id)
    meeting = _meeting(event, meeting_id)
    form = ReasonForm()
    if form.validate_on_submit():
        attempt(
            lambda: scheduling.cancel(meeting, current_user, form.reason.data or ""),
            MeetingError,
            _("洽谈已取消；如需补位，可重新排程（已发布的洽谈尽量不动）。"),
            "info",
        )
    return _organise(event_id)


@bp.route("/<int:meeting_id>/link", methods=["POST"])
@allow(*ORGANISERS)
def link(event_id: int, meeting_id: int):
    event = event_or_404(event_id)
    meeting = _meeting(event, meeting_id)
    form = LinkForm()
    if form.validate_on_submit():
        attempt(
            lambda: scheduling.set_link(meeting, form.link.data or "", current_user),
            MeetingError,
            _("会议链接已保存。"),
        )
    else:
        _flash_errors(form)
    return _organise(event_id)


@bp.route("/add", methods=["POST"])
@allow(*ORGANISERS)
def add(event_id: int):
    event = event_or_404(event_id)
    form = PairForm()
    pair_choices(event, form)
    if form.validate_on_submit():
        firm, team = participant_of(event, form.firm.data), participant_of(event, form.team.data)
        attempt(
            lambda: requests.organiser_add(event, firm, team, current_user),
            MeetingError,
            _("已为 %(a)s 与 %(b)s 安排洽谈，排程时放入日程。", a=firm.organization.name, b=team.organization.name),
        )
    else:
        _flash_errors(form)
    return _organise(event_id)


@bp.route("/force", methods=["POST"])
@allow(*ORGANISERS)
def force(event_id: int):
    event = event_or_404(event_id)
    form = PlaceForm()
    place_choices(event, form)
    if form.validate_on_submit():
        attempt(
            lambda: scheduling.force(event, *read_place(event, form), current_user),
            MeetingError,
            _("洽谈已放入指定场次并锁定。"),
        )
    else:
        _flash_errors(form)
    return _organise(event_id)
