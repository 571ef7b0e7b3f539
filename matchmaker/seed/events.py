"""Demo events (seed_data/events.yaml): a year plan, events already held with their participants,
one open for registration with invitations in every state, and a draft.

Dates are offsets from the day of loading, moved to the next working day, so the demo always has
past and upcoming events. Participants are picked deterministically: firms with published
challenges in the theme and universities with published capabilities in it, in key order. A
second run on the same day changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from matchmaker.events.workdays import is_working_day
from matchmaker.extensions import db
from matchmaker.models import (
    Capability,
    CapabilityStatus,
    Chain,
    Challenge,
    ChallengeStatus,
    Event,
    EventFormat,
    EventParticipant,
    EventStatus,
    EventStyle,
    Notification,
    Organization,
    OrgKind,
    ParticipantSource,
    ParticipantStatus,
    PlanStatus,
    Role,
    Side,
    User,
    YearPlan,
)
from matchmaker.seed.loader import upsert
from matchmaker.timezones import local_today

P = ParticipantStatus
# For the event open for registration: the demo firm and the demo university have accepted (so
# both can book one-to-one meetings), and the rest covers every state an organiser meets.
OPEN_FIRMS = (P.ACCEPTED, P.ACCEPTED, P.ACCEPTED, P.ACCEPTED, P.INVITED, P.DECLINED, P.REGISTERED)
OPEN_TEAMS = (P.ACCEPTED, P.ACCEPTED, P.APPROVED, P.INVITED, P.REGISTERED)
HELD_PER_SIDE = 8


def _working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _moment(day: date, hour: int = 2) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


class EventSeeder:
    def __init__(self, data_dir: Path, orgs: dict[str, Organization], chains: dict[str, Chain]) -> None:
        self.path = data_dir / "events.yaml"
        self.orgs = orgs
        self.chains = chains
        self.today = local_today()
        self.created = self.updated = 0

    def load(self) -> tuple[int, int]:
        if not self.path.exists():
            return 0, 0
        rows: list[dict[str, Any]] = yaml.safe_load(self.path.read_text(encoding="utf-8")) or []
        for row in rows:
            self._event(row)
        db.session.flush()
        return self.created, self.updated

    def _plan(self, year: int) -> YearPlan:
        plan = db.session.scalar(sa.select(YearPlan).where(YearPlan.year == year))
        if plan is None:
            plan = YearPlan(
                year=year,
                target=6,
                blackouts=[[f"{year}-07-20", f"{year}-08-20"]],
                status=PlanStatus.PUBLISHED,
                published_at=_moment(date(year, 1, 10)),
            )
            db.session.add(plan)
            db.session.flush()
        return plan

    def _existing_plan(self, year: int) -> YearPlan | None:
        return db.session.scalar(sa.select(YearPlan).where(YearPlan.year == year))

    def _event(self, row: dict[str, Any]) -> None:
        day = _working_day(self.today + timedelta(days=int(row["offset_days"])))
        status = EventStatus(row["status"])
        deadline = day - timedelta(days=int(row.get("registration_days_before", 7)))
        if status == EventStatus.PUBLISHED:
            deadline = max(deadline, self.today + timedelta(days=1))
        firms_cap, teams_cap = row.get("capacity", [20, 20])
        host = self.orgs.get(row["host"]) if row.get("host") else None
        values = {
            # A draft in a year without a plan stays outside one: the organiser plans that year.
            "plan": self._plan(day.year) if status != EventStatus.DRAFT else self._existing_plan(day.year),
            "title": row["title"],
            "title_en": row.get("title_en", ""),
            "starts_on": day,
            "ends_on": day,
            "start_time": time(9, 0),
            "end_time": time(17, 0),
            "city": row["city"],
            "venue": row.get("venue", ""),
            "venue_en": row.get("venue_en", ""),
            "host": host,
            "format": EventFormat(row.get("format", "offline")),
            "style": EventStyle(row.get("style", "visit_university")),
            "capacity_firms": firms_cap,
            "capacity_teams": teams_cap,
            "registration_deadline": deadline,
            "agenda_outline": row.get("agenda", "").strip(),
            "agenda_outline_en": row.get("agenda_en", "").strip(),
            "status": status,
            "published_at": None if status == EventStatus.DRAFT else _moment(day - timedelta(days=30)),
            "chains": [self.chains[c] for c in row["chains"]],
        }
        event, created, updated = upsert(Event, {"seed_key": row["key"]}, values)
        self.created += created
        self.updated += updated
        db.session.flush()
        if status != EventStatus.DRAFT and not event.participants:
            self._participants(event, day)

    # ------------------------------------------------------------ participants

    def _candidates(self, event: Event, side: Side) -> list[Organization]:
        chain_ids = [c.id for c in event.chains]
        model = Challenge if side == Side.FIRM else Capability
        status = ChallengeStatus.PUBLISHED if side == Side.FIRM else CapabilityStatus.PUBLISHED
        kinds = (OrgKind.FIRM,) if side == Side.FIRM else (OrgKind.UNIVERSITY, OrgKind.INSTITUTE)
        orgs = db.session.scalars(
            sa.select(Organization)
            .join(model, model.organization_id == Organization.id)
            .where(model.status == status, model.primary_chain_id.in_(chain_ids), Organization.kind.in_(kinds))
            .where(Organization.verified_at.is_not(None))
            .group_by(Organization.id)
            .order_by(Organization.seed_key)
        )
        return list(orgs)

    def _participants(self, event: Event, day: date) -> None:
        demo_firm, demo_team = self.orgs.get("fa-demo-firm"), self.orgs.get("sdu")
        for side in Side:
            orgs = self._candidates(event, side)
            if event.status == EventStatus.PUBLISHED:
                first = demo_firm if side == Side.FIRM else demo_team
                if first is not None:
                    orgs = [first, *[o for o in orgs if o.id != first.id]]
                statuses = OPEN_FIRMS if side == Side.FIRM else OPEN_TEAMS
            else:
                statuses = (P.ACCEPTED,) * (HELD_PER_SIDE - 2) + (P.APPROVED, P.DECLINED)
            for org, status in zip(orgs, statuses, strict=False):
                self._participant(event, org, side, status, day)

    def _participant(self, event: Event, org: Organization, side: Side, status: ParticipantStatus, day: date) -> None:
        role = Role.FIRM if side == Side.FIRM else Role.TEAM
        user = db.session.scalar(
            sa.select(User).where(User.organization_id == org.id, User.role == role).order_by(User.id).limit(1)
        )
        self_registered = status in (P.REGISTERED, P.APPROVED)
        invited_at = None if self_registered else _moment(day - timedelta(days=25))
        participant = EventParticipant(
            event=event,
            organization_id=org.id,
            user_id=user.id if user and status != P.INVITED else None,
            side=side,
            status=status,
            source=ParticipantSource.SELF if self_registered else ParticipantSource.SUGGESTED,
            message="希望与本主题相关单位深入交流，参会 2 人。" if self_registered else "",
            reason="时间冲突，期待下次活动。" if status == P.DECLINED else "",
            invited_at=invited_at,
            responded_at=None if status in (P.INVITED, P.REGISTERED) else _moment(day - timedelta(days=20)),
            checked_in_at=_moment(day, 1)
            if event.status in (EventStatus.HELD, EventStatus.CLOSED) and status in (P.ACCEPTED, P.APPROVED)
            else None,
        )
        db.session.add(participant)
        if status == P.INVITED and user is not None:
            db.session.add(
                Notification(
                    user_id=user.id,
                    kind="event.invitation",
                    title=f"邀请参加：{event.title}",
                    body=f"{event.starts_on.isoformat()} · {event.city}。请在活动页面接受或谢绝邀请。",
                    link=f"/events/{event.id}",
                )
            )
