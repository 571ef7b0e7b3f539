"""Outcomes and deals: participants report on their own meetings, organisers see every event's
outcomes and every deal, a deal exists only for its two organisations, organisers and its manager."""

from datetime import date, timedelta

from matchmaker.extensions import db
from matchmaker.models import Deal, DealSource, EventStatus
from tests.route_access import FORBIDDEN, LOGIN, MISSING, OK, REDIRECT, only
from tests.route_access.meetings import Made

# Firm A and the team met at a held event; firm B was not there.
PARTICIPANT_PAGE = {"anon": LOGIN, "firm_a": OK, "firm_b": MISSING, "team": OK, "organiser": FORBIDDEN}
ORGANISER_PAGE = only(("organiser",))
ORGANISER_POST = only(("organiser",), REDIRECT)
# A deal between firm A and the team: they read it; firm B must not learn it exists.
DEAL_PAGE = {"anon": LOGIN, "firm_a": OK, "firm_b": MISSING, "team": OK, "organiser": OK}
DEAL_WORK = {"anon": LOGIN, "firm_a": FORBIDDEN, "firm_b": MISSING, "team": FORBIDDEN, "organiser": 400}


def held(w):
    made = Made(w, EventStatus.HELD)
    made.event.starts_on = made.event.ends_on = made.event.meeting_date = date.today() - timedelta(days=3)
    made.meeting.published_slot, made.meeting.published_table = 0, "A1"
    db.session.commit()
    return made


def deal(w):
    made = Deal(
        title="主轴热误差补偿",
        firm_org_id=w.firm_a.organization_id,
        team_org_id=w.team.organization_id,
        challenge_id=w.published.id,
        source=DealSource.MANUAL,
    )
    db.session.add(made)
    db.session.commit()
    return made


ROUTES = {
    "deals.report": ("GET", lambda w: f"/deals/events/{held(w).event.id}/report", PARTICIPANT_PAGE),
    "deals.feedback": (
        "POST",
        lambda w: f"/deals/events/{held(w).event.id}/feedback",
        {"anon": LOGIN, "firm_a": 400, "firm_b": MISSING, "team": 400, "organiser": FORBIDDEN},
    ),
    "deals.outcome": (
        "GET",
        lambda w: f"/deals/meetings/{held(w).meeting.id}/outcome",
        {"anon": LOGIN, "firm_a": OK, "firm_b": MISSING, "team": OK, "organiser": OK},
    ),
    "deals.event_outcomes": ("GET", lambda w: f"/deals/events/{held(w).event.id}/outcomes", ORGANISER_PAGE),
    "deals.index": ("GET", lambda w: "/deals/", ORGANISER_PAGE),
    "deals.assign_by_chain": ("POST", lambda w: "/deals/assign-by-chain", ORGANISER_POST),
    # The board goes with the appointment: none of the personas is a technology manager.
    "deals.board": ("GET", lambda w: "/deals/board", only((), others=FORBIDDEN)),
    "deals.mine": (
        "GET",
        lambda w: "/deals/mine",
        {"anon": LOGIN, "firm_a": OK, "firm_b": OK, "team": OK, "organiser": FORBIDDEN},
    ),
    "deals.detail": ("GET", lambda w: f"/deals/{deal(w).id}", DEAL_PAGE),
    "deals.move": ("POST", lambda w: f"/deals/{deal(w).id}/stage", DEAL_WORK),
    "deals.next_action": ("POST", lambda w: f"/deals/{deal(w).id}/next", DEAL_WORK),
    "deals.note": ("POST", lambda w: f"/deals/{deal(w).id}/notes", DEAL_WORK),
    "deals.assign": (
        "POST",
        lambda w: f"/deals/{deal(w).id}/assign",
        {"anon": LOGIN, "firm_a": FORBIDDEN, "firm_b": FORBIDDEN, "team": FORBIDDEN, "organiser": REDIRECT},
    ),
    "deals.manager_list": ("GET", lambda w: "/deals/managers", ORGANISER_PAGE),
    "deals.appoint": ("POST", lambda w: f"/deals/managers/{w.target_user.id}", only(("organiser",), 400)),
    "deals.retire": ("POST", lambda w: f"/deals/managers/{w.target_user.id}/retire", ORGANISER_POST),
}
