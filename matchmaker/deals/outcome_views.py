"""Outcomes of meetings: a participant's meetings to report and its event feedback, one
meeting's outcome form (each side and the organiser), the organiser's table for an event."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import allow
from matchmaker.deals import outcomes, queries
from matchmaker.deals.blueprint import ORGANISERS, PARTICIPANTS, bp
from matchmaker.deals.errors import DealError
from matchmaker.deals.forms import FeedbackForm, OutcomeForm
from matchmaker.deals.loading import meeting_for
from matchmaker.deals.timing import event_over, meeting_over
from matchmaker.events.loading import event_or_404
from matchmaker.extensions import db
from matchmaker.meetings.loading import my_place
from matchmaker.models import OutcomeKind, OutcomeSide


def _report_page(event, mine, feedback_form: FeedbackForm | None = None):
    found = outcomes.feedback_of(mine)
    if feedback_form is None:
        feedback_form = FeedbackForm(data={"rating": str(found.rating), "comment": found.comment} if found else None)
    return render_template(
        "deals/report.html",
        event=event,
        mine=mine,
        rows=queries.to_report(mine),
        feedback=found,
        feedback_form=feedback_form,
        event_over=event_over(event),
    )


@bp.route("/events/<int:event_id>/report")
@allow(*PARTICIPANTS)
def report(event_id: int):
    event, mine = my_place(event_id)
    return _report_page(event, mine)


@bp.route("/events/<int:event_id>/feedback", methods=["POST"])
@allow(*PARTICIPANTS)
def feedback(event_id: int):
    event, mine = my_place(event_id)
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            outcomes.give_feedback(mine, int(form.rating.data), form.comment.data or "", current_user)
        except DealError as error:
            db.session.rollback()
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(_("感谢您的评价。"), "success")
            return redirect(url_for(".report", event_id=event.id))
    return _report_page(event, mine, form), 400


@bp.route("/meetings/<int:meeting_id>/outcome", methods=["GET", "POST"])
@allow(*PARTICIPANTS, *ORGANISERS)
def outcome(meeting_id: int):
    meeting, side = meeting_for(meeting_id)
    found = outcomes.outcome_of(meeting, side)
    form = OutcomeForm(obj=found, data={"kind": found.kind.value} if found else None)
    back = (
        url_for(".event_outcomes", event_id=meeting.event_id)
        if side == OutcomeSide.ORGANISER
        else url_for(".report", event_id=meeting.event_id)
    )
    status = 200
    if form.validate_on_submit():
        kind = OutcomeKind(form.kind.data)
        try:
            outcomes.record(
                meeting, side, kind, current_user, form.amount.data, form.agreed_on.data, form.comment.data or ""
            )
        except DealError as error:
            db.session.rollback()
            flash(str(error), "warning")
            status = 400
        else:
            db.session.commit()
            flash(_("已保存洽谈成果：%(k)s", k=kind.label), "success")
            return redirect(back)
    elif form.errors:
        status = 400
    others = {s: o for s, o in queries.outcomes_by_meeting([meeting.id]).get(meeting.id, {}).items() if s != side}
    return (
        render_template(
            "deals/outcome.html",
            meeting=meeting,
            event=meeting.event,
            side=side,
            form=form,
            found=found,
            others=others if side == OutcomeSide.ORGANISER else {},
            over=meeting_over(meeting),
            back=back,
        ),
        status,
    )


@bp.route("/events/<int:event_id>/outcomes")
@allow(*ORGANISERS)
def event_outcomes(event_id: int):
    event = event_or_404(event_id)
    return render_template(
        "deals/event_outcomes.html", event=event, table=queries.event_outcomes(event), sides=list(OutcomeSide)
    )
