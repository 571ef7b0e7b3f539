"""What a confirmed firm or team does before the event: browse the other side with the
recommender's fit, send and answer requests, mark unavailable slots."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker import audit
from matchmaker.authz import allow
from matchmaker.extensions import db
from matchmaker.meetings import grid, queries, requests
from matchmaker.meetings.blueprint import PARTICIPANTS, bp
from matchmaker.meetings.errors import MeetingError
from matchmaker.meetings.forms import ButtonForm, ReasonForm, RequestForm, parse_numbers
from matchmaker.meetings.loading import my_place, participant_of, request_or_404
from matchmaker.view_writes import attempt


def _back(event_id: int):
    return redirect(url_for(".browse", event_id=event_id))


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        flash(" ".join(map(str, errors)), "warning")


@bp.route("/")
@allow(*PARTICIPANTS)
def browse(event_id: int):
    event, mine = my_place(event_id)
    incoming, outgoing = queries.requests_of(mine)
    return render_template(
        "meetings/browse.html",
        event=event,
        mine=mine,
        rows=queries.counterparts(event, mine),
        incoming=incoming,
        outgoing=outgoing,
        slots=grid.slots(event),
        grid_set=grid.is_set(event),
        request_form=RequestForm(),
        reason_form=ReasonForm(),
        button=ButtonForm(),
    )


@bp.route("/requests", methods=["POST"])
@allow(*PARTICIPANTS)
def send(event_id: int):
    event, mine = my_place(event_id)
    form = RequestForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(event_id)
    other = participant_of(event, form.to.data)
    if other is None:
        flash(_("没有这家参会单位。"), "warning")
        return _back(event_id)
    attempt(
        lambda: requests.send(event, mine, other, current_user, form.message.data or ""),
        MeetingError,
        lambda made: (
            _("对方也向贵单位发出了邀约，洽谈已确认。")
            if made.status.value == "accepted"
            else _("邀约已发给 %(org)s。", org=other.organization.name)
        ),
    )
    return _back(event_id)


@bp.route("/requests/<int:request_id>/<any(accept, decline):answer>", methods=["POST"])
@allow(*PARTICIPANTS)
def answer(event_id: int, request_id: int, answer: str):
    event, mine = my_place(event_id)
    found = request_or_404(event, request_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            requests.answer(found, mine, current_user, answer == "accept", form.reason.data or "")
        except MeetingError as error:
            db.session.commit()  # an answer too late still expires the request
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(_("已答复：%(s)s", s=found.status.label), "success")
    else:
        _flash_errors(form)
    return _back(event_id)


@bp.route("/requests/<int:request_id>/cancel", methods=["POST"])
@allow(*PARTICIPANTS)
def withdraw(event_id: int, request_id: int):
    event, mine = my_place(event_id)
    found = request_or_404(event, request_id)
    form = ReasonForm()
    if form.validate_on_submit():
        attempt(
            lambda: requests.withdraw(found, mine, current_user, form.reason.data or ""),
            MeetingError,
            _("邀约已取消。"),
            "info",
        )
    return _back(event_id)


@bp.route("/unavailable", methods=["POST"])
@allow(*PARTICIPANTS)
def unavailable(event_id: int):
    """The slots a participant cannot attend (checkboxes: slot numbers from 0)."""
    event, mine = my_place(event_id)
    if not ButtonForm().validate_on_submit():
        return _back(event_id)
    try:
        chosen = sorted(set(parse_numbers(" ".join(request.form.getlist("slot")))))
    except ValueError as error:
        flash(str(error), "warning")
        return _back(event_id)
    if any(s >= event.slot_count for s in chosen):
        flash(_("没有这个场次。"), "warning")
        return _back(event_id)
    if event.status not in requests.OPEN_FOR_REQUESTS:
        flash(_("活动已%(status)s，不能再修改。", status=event.status.label), "warning")
        return _back(event_id)
    mine.unavailable_slots = chosen
    audit.record("meeting.unavailable", mine, current_user, slots=chosen)
    clashes = [m for m in queries.meetings_of(mine, published=False) if m.slot in chosen]
    if clashes:
        requests.tell_organisers(
            event,
            _("%(org)s 更改了不可参会时段，%(n)d 场洽谈需重新排程", org=mine.organization.name, n=len(clashes)),
        )
    db.session.commit()
    flash(
        _("已保存不可参会的时段。") + (_("已排的 %(n)d 场洽谈将由组织方重新安排。", n=len(clashes)) if clashes else ""),
        "success",
    )
    return _back(event_id)
