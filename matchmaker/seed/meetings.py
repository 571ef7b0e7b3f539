"""Demo one-to-one meetings, on top of the demo events (matchmaker/seed/events.py).

The upcoming event open for registration gets a meeting grid and requests in every state: the
demo university (sdu, team@demo.cn) has one to answer, one accepted and one it was declined, and
one request between two others has expired. The demo firm (firm@demo.cn) is only invited there
(it accepts in the browser, issue 10's demo); once it holds a place it gets its own requests on
the next seeding. Held events get a grid and published meetings (a Latin square: in each slot
every firm and every team meets at most once).

Rows are found again by their participants (requests) or seed keys (meetings); a grid the
organiser has set is never overwritten. A second run changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.meetings.pairs import fit
from matchmaker.models import (
    Event,
    EventParticipant,
    EventStatus,
    Meeting,
    MeetingRequest,
    MeetingSource,
    Organization,
    ParticipantStatus,
    RequestStatus,
    Side,
)
from matchmaker.timezones import zone

R = RequestStatus
UPCOMING = "ev-it-equipment-winter"
CONFIRMED = (ParticipantStatus.ACCEPTED, ParticipantStatus.APPROVED)
HELD_ROUNDS = 3  # meetings per participant at a held event


class MeetingSeeder:
    def __init__(self, orgs: dict[str, Organization]) -> None:
        self.orgs = orgs
        self.now = datetime.now(UTC)
        self.created = self.updated = 0

    def load(self) -> tuple[int, int]:
        upcoming = db.session.scalar(sa.select(Event).where(Event.seed_key == UPCOMING))
        if upcoming is not None:
            self._grid(upcoming, slots=9, breaks=[4], tables=[f"A{n}" for n in range(1, 7)])
            self._upcoming_requests(upcoming)
        held = db.session.scalars(
            sa.select(Event)
            .where(Event.seed_key.is_not(None), Event.status.in_((EventStatus.HELD, EventStatus.CLOSED)))
            .order_by(Event.starts_on)
        )
        for event in held:
            self._held(event)
        db.session.flush()
        return self.created, self.updated

    # ------------------------------------------------------------ helpers

    def _grid(self, event: Event, slots: int, breaks: list[int], tables: list[str]) -> None:
        if event.slot_count:
            return  # set already (by an earlier run or by the organiser)
        event.meeting_date = event.starts_on
        event.first_slot = time(13, 30)
        event.slot_minutes = 20
        event.slot_count = slots
        event.break_slots = breaks
        event.tables = tables
        event.online_meetings = event.format.value in ("online", "hybrid")
        event.max_meetings = 5
        event.answer_timeout_hours = 48
        if event.status in (EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED):
            deadline = datetime.combine(event.starts_on - timedelta(days=1), time(18), tzinfo=zone())
            event.request_deadline = deadline.astimezone(UTC)  # UTC: SQLite keeps no offset
        self.updated += 1

    def _confirmed(self, event: Event, side: Side) -> list[EventParticipant]:
        rows = db.session.scalars(
            sa.select(EventParticipant)
            .join(Organization, Organization.id == EventParticipant.organization_id)
            .where(
                EventParticipant.event_id == event.id,
                EventParticipant.side == side,
                EventParticipant.status.in_(CONFIRMED),
            )
            .order_by(Organization.seed_key, EventParticipant.id)
        )
        return list(rows)

    def _request(
        self,
        event: Event,
        a: EventParticipant,
        b: EventParticipant,
        status: RequestStatus,
        message: str = "",
        reason: str = "",
        hours_ago: int = 20,
    ) -> MeetingRequest:
        found = db.session.scalar(
            sa.select(MeetingRequest).where(
                MeetingRequest.from_participant_id == a.id, MeetingRequest.to_participant_id == b.id
            )
        )
        if found is not None:
            return found
        firm, team = (a, b) if a.side == Side.FIRM else (b, a)
        sent = self.now - timedelta(hours=hours_ago)
        made = MeetingRequest(
            event_id=event.id,
            from_participant_id=a.id,
            to_participant_id=b.id,
            sent_by_id=a.user_id,
            answered_by_id=b.user_id if status in (R.ACCEPTED, R.DECLINED) else None,
            message=message,
            status=status,
            reason=reason,
            match_score=fit(firm.organization_id, team.organization_id).score,
            created_at=sent,
            expires_at=sent + timedelta(hours=event.answer_timeout_hours),
            answered_at=sent + timedelta(hours=3) if status != R.PENDING else None,
        )
        if status == R.EXPIRED:
            made.expires_at = self.now - timedelta(hours=2)
            made.answered_at = made.expires_at
        db.session.add(made)
        db.session.flush()
        self.created += 1
        return made

    # ------------------------------------------------------------ the upcoming event

    def _upcoming_requests(self, event: Event) -> None:
        firms, teams = self._confirmed(event, Side.FIRM), self._confirmed(event, Side.TEAM)
        demo_firm, sdu = self.orgs.get("fa-demo-firm"), self.orgs.get("sdu")
        demo = next((p for p in firms if demo_firm is not None and p.organization_id == demo_firm.id), None)
        uni = next((p for p in teams if sdu is not None and p.organization_id == sdu.id), None)
        others_f = [p for p in firms if p is not demo]
        others_t = [p for p in teams if p is not uni]
        if uni is None or len(others_f) < 3 or len(others_t) < 2:
            return
        f0, f1, f2 = others_f[:3]
        t1, t2 = others_t[:2]
        self._request(event, f0, uni, R.PENDING, "希望就工业互联网平台与数控装备的数据采集合作面谈。", hours_ago=6)
        self._request(event, f1, uni, R.ACCEPTED, "贵校的机床热误差补偿成果与我们的产线需求契合，盼面谈。")
        self._request(
            event,
            uni,
            f2,
            R.DECLINED,
            "介绍我校智能制造团队的最新成果。",
            reason="本次主要对接工程机械方向，时间有限。",
        )
        self._request(event, f2, t1, R.EXPIRED, "想了解贵团队的视觉检测方案。", hours_ago=60)
        self._request(event, f1, t1, R.ACCEPTED, "")
        self._request(event, t2, f0, R.ACCEPTED, "可介绍工业软件国产化替代方案。")
        if demo is not None:  # the demo firm holds a place: it has requests of its own
            self._request(event, uni, demo, R.PENDING, "我校团队有多项成果与贵公司需求匹配，诚邀面谈。", hours_ago=4)
            self._request(event, demo, t1, R.ACCEPTED, "")

    # ------------------------------------------------------------ held events

    def _held(self, event: Event) -> None:
        firms, teams = self._confirmed(event, Side.FIRM), self._confirmed(event, Side.TEAM)
        n = min(len(firms), len(teams))
        if n == 0:
            return
        self._grid(event, slots=8, breaks=[], tables=[f"{k} 号桌" for k in range(1, n + 1)])
        published = datetime.combine(event.starts_on - timedelta(days=2), time(10), tzinfo=zone()).astimezone(UTC)
        for i in range(n):
            for k in range(min(HELD_ROUNDS, n)):
                firm, team = firms[i], teams[(i + k) % n]
                key = f"{event.seed_key}:{i}:{k}"
                if db.session.scalar(sa.select(Meeting.id).where(Meeting.seed_key == key)) is not None:
                    continue
                request = self._request(event, firm, team, R.ACCEPTED, hours_ago=24 * 20)
                table = event.tables[i] if i < len(event.tables) else None
                db.session.add(
                    Meeting(
                        event_id=event.id,
                        request_id=request.id,
                        firm_participant_id=firm.id,
                        team_participant_id=team.id,
                        slot=k,
                        table=table,
                        published_slot=k,
                        published_table=table,
                        published_at=published,
                        source=MeetingSource.REQUEST,
                        seed_key=key,
                    )
                )
                self.created += 1
