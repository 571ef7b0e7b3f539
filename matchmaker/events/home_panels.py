"""What the home pages show of events: the organiser's plan against its target, and a firm's or
team's invitations and upcoming events."""

from __future__ import annotations

from flask_login import current_user

from matchmaker.events import plans, queries
from matchmaker.events.blueprint import bp
from matchmaker.models import EventStatus, ParticipantStatus
from matchmaker.timezones import local_today

LIVE = (EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED)


@bp.app_template_global("event_plan_progress")
def event_plan_progress() -> dict:
    progress = plans.progress(local_today().year)
    progress["next"] = [e for e in (progress["plan"].events if progress["plan"] else []) if e.status in LIVE][:3]
    return progress


@bp.app_template_global("my_event_panel")
def my_event_panel() -> dict:
    org_id = current_user.organization_id
    rows = [(e, p) for e, p in queries.of_organization(org_id) if e.status in LIVE and e.ends_on >= local_today()]
    return {
        "invited": [(e, p) for e, p in rows if p.status == ParticipantStatus.INVITED],
        "coming": [(e, p) for e, p in rows if p.status != ParticipantStatus.INVITED],
        "open": queries.open_for(org_id, limit=3),
    }
