"""Reads: a participant's meetings to report, the organiser's outcome table of an event, deals
on a manager's board, in the organisers' list and of one organisation, and their history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.deals.managers import ELIGIBLE_ROLES, OPEN
from matchmaker.deals.settings import deal_stale_days
from matchmaker.deals.timing import meeting_over
from matchmaker.extensions import db
from matchmaker.meetings.queries import CONFIRMED
from matchmaker.models import (
    AuditLog,
    Chain,
    Deal,
    DealStage,
    Event,
    EventFeedback,
    EventParticipant,
    EventStatus,
    Meeting,
    MeetingOutcome,
    MeetingStatus,
    Organization,
    OutcomeSide,
    Role,
    Side,
    User,
)

RECENT_EVENTS = 10  # the home panel looks at the organisation's latest events only


def outcomes_by_meeting(meeting_ids: list[int]) -> dict[int, dict[OutcomeSide, MeetingOutcome]]:
    found: dict[int, dict[OutcomeSide, MeetingOutcome]] = {}
    if meeting_ids:
        for o in db.session.scalars(sa.select(MeetingOutcome).where(MeetingOutcome.meeting_id.in_(meeting_ids))):
            found.setdefault(o.meeting_id, {})[o.side] = o
    return found


def side_of_participant(participant: EventParticipant) -> OutcomeSide:
    return OutcomeSide.FIRM if participant.side == Side.FIRM else OutcomeSide.TEAM


@dataclass
class ToReport:
    meeting: Meeting
    counterpart: EventParticipant
    mine: MeetingOutcome | None
    over: bool


def to_report(participant: EventParticipant) -> list[ToReport]:
    """The participant's published meetings that are still on, with its own answer so far."""
    column = Meeting.firm_participant_id if participant.side == Side.FIRM else Meeting.team_participant_id
    meetings = list(
        db.session.scalars(
            sa.select(Meeting)
            .where(column == participant.id, Meeting.status == MeetingStatus.SCHEDULED)
            .where(Meeting.published_slot.is_not(None))
            .options(selectinload(Meeting.firm), selectinload(Meeting.team))
            .order_by(Meeting.published_slot, Meeting.id)
        )
    )
    side = side_of_participant(participant)
    answers = outcomes_by_meeting([m.id for m in meetings])
    return [
        ToReport(
            m,
            m.team if participant.side == Side.FIRM else m.firm,
            answers.get(m.id, {}).get(side),
            meeting_over(m),
        )
        for m in meetings
    ]


def pending_for(user: User) -> list[tuple[Event, int]]:
    """(event, meetings over without this organisation's answer) for the user's recent events."""
    if user.role not in (Role.FIRM, Role.TEAM) or user.organization_id is None:
        return []
    side = Side.FIRM if user.role == Role.FIRM else Side.TEAM
    places = db.session.scalars(
        sa.select(EventParticipant)
        .join(Event, Event.id == EventParticipant.event_id)
        .where(EventParticipant.organization_id == user.organization_id, EventParticipant.side == side)
        .where(EventParticipant.status.in_(CONFIRMED), Event.status != EventStatus.CANCELLED)
        .order_by(Event.starts_on.desc())
        .limit(RECENT_EVENTS)
    )
    rows = []
    for place in places:
        missing = sum(1 for r in to_report(place) if r.over and r.mine is None)
        if missing:
            rows.append((place.event, missing))
    return rows


@dataclass
class OutcomeRow:
    meeting: Meeting
    by_side: dict[OutcomeSide, MeetingOutcome]
    deal: Deal | None


@dataclass
class EventOutcomes:
    rows: list[OutcomeRow]
    missing: list[EventParticipant]  # participants with a meeting over and no answer of theirs
    feedback: list[EventFeedback]
    average: float | None
    counts: dict[str, int] = field(default_factory=dict)


def event_outcomes(event: Event) -> EventOutcomes:
    meetings = list(
        db.session.scalars(
            sa.select(Meeting)
            .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.SCHEDULED)
            .options(selectinload(Meeting.firm), selectinload(Meeting.team))
            .order_by(sa.func.coalesce(Meeting.published_slot, Meeting.slot), Meeting.table, Meeting.id)
        )
    )
    answers = outcomes_by_meeting([m.id for m in meetings])
    deals = {
        d.meeting_id: d
        for d in db.session.scalars(sa.select(Deal).where(Deal.meeting_id.in_([m.id for m in meetings] or [0])))
    }
    rows = [OutcomeRow(m, answers.get(m.id, {}), deals.get(m.id)) for m in meetings]
    missing: dict[int, EventParticipant] = {}
    for row in rows:
        if not meeting_over(row.meeting):
            continue
        for side, who in ((OutcomeSide.FIRM, row.meeting.firm), (OutcomeSide.TEAM, row.meeting.team)):
            if side not in row.by_side:
                missing[who.id] = who
    feedback = list(
        db.session.scalars(
            sa.select(EventFeedback)
            .where(EventFeedback.event_id == event.id)
            .options(selectinload(EventFeedback.participant).selectinload(EventParticipant.organization))
            .order_by(EventFeedback.updated_at.desc())
        )
    )
    average = round(sum(f.rating for f in feedback) / len(feedback), 2) if feedback else None
    counts: dict[str, int] = {}
    for row in rows:
        for outcome in row.by_side.values():
            counts[outcome.kind.value] = counts.get(outcome.kind.value, 0) + 1
    ordered = sorted(missing.values(), key=lambda p: (p.side.value, p.organization.name))
    return EventOutcomes(rows, ordered, feedback, average, counts)


# ---------------------------------------------------------------- deals


def stale_before(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) - timedelta(days=deal_stale_days())


def is_stale(deal: Deal) -> bool:
    last = deal.last_action_at if deal.last_action_at.tzinfo else deal.last_action_at.replace(tzinfo=UTC)
    return deal.stage in OPEN and last <= stale_before()


def _with_parties(query: sa.Select) -> sa.Select:
    return query.options(
        selectinload(Deal.firm), selectinload(Deal.team), selectinload(Deal.chain), selectinload(Deal.manager)
    )


def board(manager: User) -> dict[DealStage, list[Deal]]:
    """A manager's deals by stage; within a column the next action due first, then the quietest."""
    columns: dict[DealStage, list[Deal]] = {s: [] for s in DealStage}
    deals = db.session.scalars(
        _with_parties(sa.select(Deal).where(Deal.manager_id == manager.id)).order_by(
            Deal.next_action_on.is_(None), Deal.next_action_on, Deal.last_action_at, Deal.id
        )
    )
    for deal in deals:
        columns[deal.stage].append(deal)
    return columns


@dataclass
class DealFilter:
    stage: DealStage | None = None
    manager_id: int | None = None  # 0: nobody yet
    chain_id: int | None = None
    stale: bool = False


def all_deals(f: DealFilter) -> sa.Select:
    query = _with_parties(sa.select(Deal))
    if f.stage is not None:
        query = query.where(Deal.stage == f.stage)
    if f.manager_id == 0:
        query = query.where(Deal.manager_id.is_(None))
    elif f.manager_id is not None:
        query = query.where(Deal.manager_id == f.manager_id)
    if f.chain_id is not None:
        query = query.where(Deal.chain_id == f.chain_id)
    if f.stale:
        query = query.where(Deal.stage.in_(OPEN), Deal.last_action_at <= stale_before())
    return query.order_by(Deal.last_action_at.desc(), Deal.id.desc())


def of_organization(org_id: int) -> sa.Select:
    return _with_parties(
        sa.select(Deal).where(sa.or_(Deal.firm_org_id == org_id, Deal.team_org_id == org_id))
    ).order_by(Deal.last_action_at.desc(), Deal.id.desc())


def managers() -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.is_tech_manager, User.active)
            .options(selectinload(User.organization))
            .order_by(User.name, User.id)
        )
    )


def manager_candidates(search: str) -> sa.Select:
    """Appointed managers first, then anyone who may be appointed (not a firm's account)."""
    query = (
        sa.select(User)
        .join(User.organization)
        .where(User.active, User.role.in_(ELIGIBLE_ROLES))
        .options(selectinload(User.organization))
        .order_by(User.is_tech_manager.desc(), User.name, User.id)
    )
    if search:
        pattern = f"%{search}%"
        query = query.where(
            sa.or_(User.name.ilike(pattern), User.email.ilike(pattern), Organization.name.ilike(pattern))
        )
    return query


def chains() -> list[Chain]:
    return list(db.session.scalars(sa.select(Chain).where(Chain.active).order_by(Chain.sort_order)))


def history(deal: Deal) -> list[AuditLog]:
    return list(
        db.session.scalars(
            sa.select(AuditLog)
            .where(AuditLog.entity_type == "Deal", AuditLog.entity_id == deal.id)
            .order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
            .limit(100)
        )
    )


def history_actors(deal: Deal) -> set[int]:
    entries = history(deal)
    ids = {a.actor_id for a in entries if a.actor_id is not None}
    ids |= {a.detail["manager_id"] for a in entries if isinstance((a.detail or {}).get("manager_id"), int)}
    return ids | {n.author_id for n in deal.notes if n.author_id is not None}


def users_by_id(ids: set[int]) -> dict[int, User]:
    return {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(ids or {0})))}


def overview() -> dict[str, int]:
    """The organiser's home: deals not ended, those with nobody yet, the quiet ones."""
    live = sa.select(sa.func.count()).select_from(Deal).where(Deal.stage.in_(OPEN))
    return {
        "open": db.session.scalar(live),
        "unassigned": db.session.scalar(live.where(Deal.manager_id.is_(None))),
        "stale": db.session.scalar(live.where(Deal.last_action_at <= stale_before())),
    }
