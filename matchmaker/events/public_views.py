"""Public pages (no sign-in): upcoming and past events, an event's page and its .ics, in Chinese
and in English (?lang=en)."""

from __future__ import annotations

from flask import Response, render_template
from flask_login import current_user

from matchmaker.authz import PUBLIC, allow
from matchmaker.events import ics, participants, plans, queries
from matchmaker.events.blueprint import bp
from matchmaker.events.forms import ButtonForm, ReasonForm, RegisterForm
from matchmaker.events.loading import event_or_404
from matchmaker.extensions import db
from matchmaker.i18n import bilingual, is_english
from matchmaker.models import Side
from matchmaker.pagination import paginate
from matchmaker.timezones import local_today


@bp.route("/")
@allow(PUBLIC)
@bilingual
def index():
    year = local_today().year
    plan = plans.by_year(year)
    return render_template(
        "events/index.html",
        upcoming=paginate(queries.upcoming(), per_page=10),
        past_events=list(db.session.scalars(queries.past().limit(6))),
        plan=plan if plan is not None and plan.published_at else None,
    )


@bp.route("/<int:event_id>")
@allow(PUBLIC)
@bilingual
def detail(event_id: int):
    event = event_or_404(event_id)
    mine = None
    if current_user.is_authenticated and current_user.organization_id:
        mine = participants.of_organization(event, current_user.organization_id)
    return render_template(
        "events/detail.html",
        event=event,
        mine=mine,
        places_firm=participants.places_left(event, Side.FIRM),
        places_team=participants.places_left(event, Side.TEAM),
        register_form=RegisterForm(),
        answer_form=ReasonForm(),
        button=ButtonForm(),
        today=local_today(),
    )


@bp.route("/<int:event_id>.ics")
@allow(PUBLIC)
@bilingual
def calendar(event_id: int):
    event = event_or_404(event_id)
    return Response(
        ics.event_calendar(event, english=is_english()),
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="event-{event.id}.ics"'},
    )
