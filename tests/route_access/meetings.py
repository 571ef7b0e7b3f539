"""One-to-one meetings: confirmed participants' requests and agendas, the organiser's agenda and the day."""

from datetime import time

from matchmaker.extensions import db
from matchmaker.models import (
    EventParticipant,
    EventStatus,
    Meeting,
    MeetingRequest,
    MeetingSource,
    ParticipantSource,
    ParticipantStatus,
    Side,
)
from tests.route_access import FORBIDDEN, LOGIN, MISSING, OK, REDIRECT, only
from tests.route_access.events import event

# Firm A and the team are confirmed participants; firm B is not on the list.
PARTICIPANT_PAGE = {"anon": LOGIN, "firm_a": OK, "firm_b": MISSING, "team": OK, "organiser": FORBIDDEN}
PARTICIPANT_POST = {"anon": LOGIN, "firm_a": REDIRECT, "firm_b": MISSING, "team": REDIRECT, "organiser": FORBIDDEN}
PRINT = {"anon": LOGIN, "firm_a": OK, "firm_b": MISSING, "team": OK, "organiser": OK}
ORGANISER_PAGE = only(("organiser",))
ORGANISER_POST = only(("organiser",), REDIRECT)


class Made:
    def __init__(self, w, status=EventStatus.PUBLISHED):
        self.event = event(w, status)
        e = self.event
        e.meeting_date, e.first_slot, e.slot_count, e.tables = e.starts_on, time(13, 30), 4, ["A1", "A2"]

        def place(user, side):
            p = EventParticipant(
                event=e,
                organization_id=user.organization_id,
                user_id=user.id,
                side=side,
                status=ParticipantStatus.ACCEPTED,
                source=ParticipantSource.MANUAL,
            )
            db.session.add(p)
            return p

        self.firm, self.team = place(w.firm_a, Side.FIRM), place(w.team, Side.TEAM)
        db.session.flush()
        self.request = MeetingRequest(event_id=e.id, from_participant_id=self.firm.id, to_participant_id=self.team.id)
        db.session.add(self.request)
        db.session.flush()
        self.meeting = Meeting(
            event_id=e.id,
            request_id=self.request.id,
            firm_participant_id=self.firm.id,
            team_participant_id=self.team.id,
            slot=0,
            table="A1",
            source=MeetingSource.ORGANISER,
        )
        db.session.add(self.meeting)
        db.session.flush()

    def url(self, tail: str) -> str:
        return f"/events/{self.event.id}/meetings/{tail}"


ROUTES = {
    "meetings.browse": ("GET", lambda w: Made(w).url(""), PARTICIPANT_PAGE),
    "meetings.browse#draft": (
        "GET",
        lambda w: Made(w, EventStatus.DRAFT).url(""),
        {"anon": LOGIN, "firm_a": MISSING, "firm_b": MISSING, "team": MISSING, "organiser": FORBIDDEN},
    ),
    "meetings.send": ("POST", lambda w: Made(w).url("requests"), PARTICIPANT_POST),
    "meetings.answer": (
        "POST",
        lambda w: (lambda m: m.url(f"requests/{m.request.id}/accept"))(Made(w)),
        PARTICIPANT_POST,
    ),
    "meetings.withdraw": (
        "POST",
        lambda w: (lambda m: m.url(f"requests/{m.request.id}/cancel"))(Made(w)),
        PARTICIPANT_POST,
    ),
    "meetings.withdraw#missing": (
        "POST",
        lambda w: Made(w).url("requests/987654/cancel"),
        {
            "anon": LOGIN,
            "firm_a": MISSING,
            "firm_b": MISSING,
            "team": MISSING,
            "organiser": FORBIDDEN,
        },
    ),
    "meetings.unavailable": ("POST", lambda w: Made(w).url("unavailable"), PARTICIPANT_POST),
    "meetings.agenda": ("GET", lambda w: Made(w).url("agenda"), PARTICIPANT_PAGE),
    "meetings.agenda_print": ("GET", lambda w: Made(w).url("agenda/print"), PRINT),
    "meetings.agenda_ics": ("GET", lambda w: Made(w).url("agenda.ics"), PARTICIPANT_PAGE),
    "meetings.settings_page": ("GET", lambda w: Made(w).url("settings"), ORGANISER_PAGE),
    "meetings.organise": ("GET", lambda w: Made(w).url("organise"), ORGANISER_PAGE),
    "meetings.organise#missing": ("GET", lambda w: "/events/987654/meetings/organise", only(("organiser",), MISSING)),
    "meetings.solve": ("POST", lambda w: Made(w).url("solve"), ORGANISER_POST),
    "meetings.publish": ("POST", lambda w: Made(w).url("publish"), ORGANISER_POST),
    "meetings.lock": ("POST", lambda w: (lambda m: m.url(f"{m.meeting.id}/lock"))(Made(w)), ORGANISER_POST),
    "meetings.lock#missing": ("POST", lambda w: Made(w).url("987654/lock"), only(("organiser",), MISSING)),
    "meetings.cancel": ("POST", lambda w: (lambda m: m.url(f"{m.meeting.id}/cancel"))(Made(w)), ORGANISER_POST),
    "meetings.link": ("POST", lambda w: (lambda m: m.url(f"{m.meeting.id}/link"))(Made(w)), ORGANISER_POST),
    "meetings.add": ("POST", lambda w: Made(w).url("add"), ORGANISER_POST),
    "meetings.force": ("POST", lambda w: Made(w).url("force"), ORGANISER_POST),
    "meetings.grid_print": ("GET", lambda w: Made(w).url("grid/print"), ORGANISER_PAGE),
    "meetings.tables_print": ("GET", lambda w: Made(w).url("tables/print"), ORGANISER_PAGE),
    "meetings.grid_xlsx": ("GET", lambda w: Made(w).url("grid.xlsx"), ORGANISER_PAGE),
    "meetings.checkin": ("GET", lambda w: Made(w).url("checkin?q=测试"), ORGANISER_PAGE),
    "meetings.mark": (
        "POST",
        lambda w: (lambda m: m.url(f"checkin/{m.team.id}/arrived"))(Made(w)),
        ORGANISER_POST,
    ),
    "meetings.mark#other_event": (
        "POST",
        lambda w: Made(w).url("checkin/987654/absent"),
        only(("organiser",), MISSING),
    ),
    "meetings.walk_in": ("POST", lambda w: Made(w).url("walk-in"), ORGANISER_POST),
}
