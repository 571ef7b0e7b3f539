"""What firms and teams do with events: register, answer an invitation, see their events."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import Role, allow
from matchmaker.events import participants, queries
from matchmaker.events.blueprint import bp
from matchmaker.events.errors import EventError
from matchmaker.events.forms import ReasonForm, RegisterForm
from matchmaker.events.loading import event_or_404
from matchmaker.view_writes import attempt


@bp.route("/mine")
@allow(Role.FIRM, Role.TEAM)
def mine():
    org_id = current_user.organization_id
    return render_template(
        "events/mine.html", rows=queries.of_organization(org_id), open_events=queries.open_for(org_id, limit=5)
    )


@bp.route("/<int:event_id>/register", methods=["POST"])
@allow(Role.FIRM, Role.TEAM)
def register(event_id: int):
    event = event_or_404(event_id)
    form = RegisterForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(map(str, errors)), "warning")
        return redirect(url_for(".detail", event_id=event.id))
    attempt(
        lambda: participants.register(event, current_user, form.message.data or ""),
        EventError,
        _("报名已提交，组织方审核后会通知您。"),
    )
    return redirect(url_for(".detail", event_id=event.id))


@bp.route("/<int:event_id>/<any(accept, decline):answer>", methods=["POST"])
@allow(Role.FIRM, Role.TEAM)
def answer(event_id: int, answer: str):
    event = event_or_404(event_id)
    mine = participants.of_organization(event, current_user.organization_id)
    if mine is None or participants.role_of(mine.side) != current_user.role:
        abort(404)
    form = ReasonForm()
    if form.validate_on_submit():
        attempt(
            lambda: participants.answer(mine, answer == "accept", current_user, form.reason.data or ""),
            EventError,
            lambda _answered: _("已答复：%(status)s", status=mine.status.label),
        )
    return redirect(url_for(".detail", event_id=event.id))
