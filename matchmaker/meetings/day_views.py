"""The day itself, for the organiser: check-in, no-shows, walk-in meetings."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import allow
from matchmaker.events.loading import event_or_404
from matchmaker.extensions import db
from matchmaker.meetings import day, grid, queries
from matchmaker.meetings.blueprint import ORGANISERS, bp
from matchmaker.meetings.errors import MeetingError
from matchmaker.meetings.forms import ButtonForm, PlaceForm
from matchmaker.meetings.loading import participant_of
from matchmaker.meetings.organiser_views import place_choices, read_place
from matchmaker.view_writes import attempt


def _checkin(event_id: int, q: str = ""):
    return redirect(url_for(".checkin", event_id=event_id, q=q or None))


@bp.route("/checkin")
@allow(*ORGANISERS)
def checkin(event_id: int):
    event = event_or_404(event_id)
    q = request.args.get("q", "")[:60]
    place_form = PlaceForm()
    place_choices(event, place_form)
    rows = day.checkin_list(event, q)
    meetings = {p.id: 0 for p in rows}
    for m in queries.scheduled(event):
        for pid in (m.firm_participant_id, m.team_participant_id):
            if pid in meetings:
                meetings[pid] += 1
    return render_template(
        "meetings/checkin.html",
        event=event,
        q=q,
        rows=rows,
        meetings=meetings,
        absent=day.absent_ids(event),
        free=[(s, grid.slot_label(event, s), t) for s, t in day.free_cells(event)],
        place_form=place_form,
        button=ButtonForm(),
    )


@bp.route("/checkin/<int:participant_id>/<any(arrived, undo, absent):mark>", methods=["POST"])
@allow(*ORGANISERS)
def mark(event_id: int, participant_id: int, mark: str):
    event = event_or_404(event_id)
    participant = participant_of(event, participant_id)
    if participant is None:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            if mark == "absent":
                freed = day.no_show(participant, current_user)
            else:
                day.arrive(participant, current_user, arrived=mark == "arrived")
        except MeetingError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            db.session.commit()
            if mark == "absent":
                flash(_("已标记缺席，释放 %(n)d 场洽谈，已通知对方。", n=len(freed)), "info")
            else:
                flash(
                    _(
                        "%(org)s：%(s)s",
                        org=participant.organization.name,
                        s=_("已签到") if mark == "arrived" else _("已撤销签到"),
                    ),
                    "success",
                )
    return _checkin(event_id, request.form.get("q", ""))


@bp.route("/walk-in", methods=["POST"])
@allow(*ORGANISERS)
def walk_in(event_id: int):
    event = event_or_404(event_id)
    form = PlaceForm()
    place_choices(event, form)
    if form.validate_on_submit():
        attempt(
            lambda: day.walk_in(event, *read_place(event, form), current_user),
            MeetingError,
            _("现场洽谈已安排并通知双方。"),
        )
    else:
        for errors in form.errors.values():
            flash(" ".join(map(str, errors)), "warning")
    return _checkin(event_id)
