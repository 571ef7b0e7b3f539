"""Matchmaking events: public pages, participants' answers and registration, the organiser's side."""

from datetime import date, time, timedelta

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, EventStatus, ParticipantSource, ParticipantStatus, Side, YearPlan
from tests.route_access import FORBIDDEN, LOGIN, MISSING, OK, REDIRECT, every, only

ORGANISER_PAGE = only(("organiser",))
ORGANISER_POST = only(("organiser",), REDIRECT)
PARTICIPANT_POST = {"anon": LOGIN, "firm_a": REDIRECT, "firm_b": REDIRECT, "team": REDIRECT, "organiser": FORBIDDEN}
DRAFT_ONLY_ORGANISER = {"anon": MISSING, "firm_a": MISSING, "firm_b": MISSING, "team": MISSING, "organiser": OK}


def event(w, status=EventStatus.PUBLISHED) -> Event:
    day = date.today() + timedelta(days=30)
    made = Event(
        title="测试对接会",
        starts_on=day,
        ends_on=day,
        start_time=time(9),
        end_time=time(17),
        city="济南市",
        venue="会场",
        status=status,
        registration_deadline=day - timedelta(days=3),
        chains=list(w.published.chains),
    )
    db.session.add(made)
    db.session.flush()
    return made


def invited(w) -> Event:
    """A published event to which firm A is invited."""
    made = event(w)
    db.session.add(
        EventParticipant(
            event=made,
            organization_id=w.firm_a.organization_id,
            side=Side.FIRM,
            status=ParticipantStatus.INVITED,
            source=ParticipantSource.MANUAL,
        )
    )
    db.session.flush()
    return made


def registered(w) -> EventParticipant:
    made = event(w)
    participant = EventParticipant(
        event=made,
        organization_id=w.team.organization_id,
        side=Side.TEAM,
        status=ParticipantStatus.REGISTERED,
        source=ParticipantSource.SELF,
    )
    db.session.add(participant)
    db.session.flush()
    return participant


def plan(w) -> YearPlan:
    made = YearPlan(year=2031, target=6)
    db.session.add(made)
    db.session.flush()
    return made


ROUTES = {
    "events.index": ("GET", lambda w: "/events/", every(OK)),
    "events.index#english": ("GET", lambda w: event(w) and "/events/?lang=en&page=99999999999999999999", every(OK)),
    "events.detail": ("GET", lambda w: f"/events/{event(w).id}", every(OK)),
    "events.detail#draft": ("GET", lambda w: f"/events/{event(w, EventStatus.DRAFT).id}", DRAFT_ONLY_ORGANISER),
    "events.detail#missing": ("GET", lambda w: "/events/987654", every(MISSING)),
    "events.calendar": ("GET", lambda w: f"/events/{event(w).id}.ics", every(OK)),
    "events.calendar#draft": ("GET", lambda w: f"/events/{event(w, EventStatus.DRAFT).id}.ics", DRAFT_ONLY_ORGANISER),
    "events.mine": ("GET", lambda w: "/events/mine", only(("firm_a", "firm_b", "team"))),
    "events.register": ("POST", lambda w: f"/events/{event(w).id}/register", PARTICIPANT_POST),
    "events.register#draft": (
        "POST",
        lambda w: f"/events/{event(w, EventStatus.DRAFT).id}/register",
        {"anon": LOGIN, "firm_a": MISSING, "firm_b": MISSING, "team": MISSING, "organiser": FORBIDDEN},
    ),
    "events.answer": (
        "POST",
        lambda w: f"/events/{invited(w).id}/accept",
        {"anon": LOGIN, "firm_a": REDIRECT, "firm_b": MISSING, "team": MISSING, "organiser": FORBIDDEN},
    ),
    "events.answer#decline": (
        "POST",
        lambda w: f"/events/{invited(w).id}/decline",
        {"anon": LOGIN, "firm_a": REDIRECT, "firm_b": MISSING, "team": MISSING, "organiser": FORBIDDEN},
    ),
    "events.plans_index": ("GET", lambda w: "/events/plans", ORGANISER_PAGE),
    "events.plan": ("GET", lambda w: f"/events/plans/{plan(w).year}", ORGANISER_PAGE),
    "events.plan#missing": ("GET", lambda w: "/events/plans/1999", only(("organiser",), MISSING)),
    "events.propose": ("POST", lambda w: f"/events/plans/{plan(w).year}/propose", ORGANISER_POST),
    "events.publish_plan": ("POST", lambda w: f"/events/plans/{plan(w).year}/publish", ORGANISER_POST),
    "events.publish_plan#unpublish": ("POST", lambda w: f"/events/plans/{plan(w).year}/unpublish", ORGANISER_POST),
    "events.manage": ("GET", lambda w: "/events/manage", ORGANISER_PAGE),
    "events.new": ("GET", lambda w: "/events/new", ORGANISER_PAGE),
    "events.edit": ("GET", lambda w: f"/events/{event(w).id}/edit", ORGANISER_PAGE),
    "events.organise": ("GET", lambda w: f"/events/{event(w, EventStatus.DRAFT).id}/organise", ORGANISER_PAGE),
    "events.move": ("POST", lambda w: f"/events/{event(w).id}/status/registration_closed", ORGANISER_POST),
    "events.delete": ("POST", lambda w: f"/events/{event(w, EventStatus.DRAFT).id}/delete", ORGANISER_POST),
    "events.invite": ("GET", lambda w: f"/events/{event(w).id}/invite", ORGANISER_PAGE),
    "events.add_participant": ("POST", lambda w: f"/events/{event(w).id}/participants/add", ORGANISER_POST),
    "events.participants_list": ("GET", lambda w: f"/events/{invited(w).id}/participants", ORGANISER_PAGE),
    "events.participants_xlsx": ("GET", lambda w: f"/events/{invited(w).id}/participants.xlsx", ORGANISER_PAGE),
    "events.decide": (
        "POST",
        lambda w: (lambda p: f"/events/{p.event_id}/participants/{p.id}/approve")(registered(w)),
        ORGANISER_POST,
    ),
    "events.remove_participant": (
        "POST",
        lambda w: (lambda p: f"/events/{p.event_id}/participants/{p.id}/remove")(registered(w)),
        ORGANISER_POST,
    ),
}
