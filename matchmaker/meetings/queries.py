"""Reads: confirmed participants, a user's place at an event, requests, meetings, the grid."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.events.posts import theme_posts
from matchmaker.extensions import db
from matchmaker.meetings.pairs import Fit, fits
from matchmaker.models import (
    Event,
    EventParticipant,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Organization,
    ParticipantStatus,
    RequestStatus,
    Role,
    Side,
    User,
)

CONFIRMED = (ParticipantStatus.ACCEPTED, ParticipantStatus.APPROVED)
OPEN_REQUESTS = (RequestStatus.PENDING, RequestStatus.ACCEPTED)
SUGGESTED_PAIRS = 3  # the best-fitting counterparts are marked 建议洽谈


def confirmed(event: Event, side: Side | None = None) -> list[EventParticipant]:
    query = (
        sa.select(EventParticipant)
        .join(Organization, Organization.id == EventParticipant.organization_id)
        .where(EventParticipant.event_id == event.id, EventParticipant.status.in_(CONFIRMED))
        .options(selectinload(EventParticipant.organization))
        .order_by(EventParticipant.side, Organization.name, EventParticipant.id)
    )
    if side is not None:
        query = query.where(EventParticipant.side == side)
    return list(db.session.scalars(query))


def place_of(event: Event, user: User) -> EventParticipant | None:
    """The user's organisation's confirmed place at the event, on the side of the user's role."""
    if user.organization_id is None or user.role not in (Role.FIRM, Role.TEAM):
        return None
    side = Side.FIRM if user.role == Role.FIRM else Side.TEAM
    return db.session.scalar(
        sa.select(EventParticipant).where(
            EventParticipant.event_id == event.id,
            EventParticipant.organization_id == user.organization_id,
            EventParticipant.side == side,
            EventParticipant.status.in_(CONFIRMED),
        )
    )


def between(a: EventParticipant, b: EventParticipant, statuses=OPEN_REQUESTS) -> MeetingRequest | None:
    return db.session.scalar(
        sa.select(MeetingRequest)
        .where(
            MeetingRequest.status.in_(statuses),
            sa.or_(
                sa.and_(MeetingRequest.from_participant_id == a.id, MeetingRequest.to_participant_id == b.id),
                sa.and_(MeetingRequest.from_participant_id == b.id, MeetingRequest.to_participant_id == a.id),
            ),
        )
        .order_by(MeetingRequest.id.desc())
        .limit(1)
    )


def requests_of(participant: EventParticipant) -> tuple[list[MeetingRequest], list[MeetingRequest]]:
    """(incoming, outgoing), newest first."""

    def of(column):
        return list(
            db.session.scalars(
                sa.select(MeetingRequest)
                .where(column == participant.id, MeetingRequest.by_organiser.is_(False))
                .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
            )
        )

    return of(MeetingRequest.to_participant_id), of(MeetingRequest.from_participant_id)


def event_requests(event: Event, status: RequestStatus | None = None) -> list[MeetingRequest]:
    query = sa.select(MeetingRequest).where(MeetingRequest.event_id == event.id)
    if status is not None:
        query = query.where(MeetingRequest.status == status)
    return list(db.session.scalars(query.order_by(MeetingRequest.id)))


def request_counts(event: Event) -> dict[str, int]:
    rows = db.session.execute(
        sa.select(MeetingRequest.status, sa.func.count())
        .where(MeetingRequest.event_id == event.id)
        .group_by(MeetingRequest.status)
    )
    counts = {s.value: 0 for s in RequestStatus}
    counts.update({status.value: n for status, n in rows})
    return counts


def scheduled(event: Event) -> list[Meeting]:
    return list(
        db.session.scalars(
            sa.select(Meeting)
            .where(Meeting.event_id == event.id, Meeting.status == MeetingStatus.SCHEDULED)
            .options(selectinload(Meeting.firm), selectinload(Meeting.team))
            .order_by(Meeting.slot, Meeting.table, Meeting.id)
        )
    )


def meetings_of(participant: EventParticipant, published: bool) -> list[Meeting]:
    """A participant's meetings: the published ones (what they were told), or the organiser's draft.
    Published meetings cancelled afterwards are listed too, so the participant sees the change."""
    query = sa.select(Meeting).where(
        sa.or_(Meeting.firm_participant_id == participant.id, Meeting.team_participant_id == participant.id)
    )
    if published:
        query = query.where(Meeting.published_slot.is_not(None)).order_by(Meeting.published_slot, Meeting.id)
    else:
        query = query.where(Meeting.status == MeetingStatus.SCHEDULED).order_by(Meeting.slot, Meeting.id)
    return list(db.session.scalars(query))


def grid(event: Event) -> dict[tuple[int, str | None], list[Meeting]]:
    """(slot, table) -> the meetings there (online: a list; a table: at most one)."""
    cells: dict[tuple[int, str | None], list[Meeting]] = {}
    for meeting in scheduled(event):
        cells.setdefault((meeting.slot, meeting.table), []).append(meeting)
    return cells


@dataclass
class Counterpart:
    participant: EventParticipant
    posts: list
    fit: Fit
    request: MeetingRequest | None
    suggested: bool = False


def counterparts(event: Event, mine: EventParticipant) -> list[Counterpart]:
    """The other side's confirmed participants, best fit first; the top pairs are 建议洽谈."""
    other = Side.TEAM if mine.side == Side.FIRM else Side.FIRM
    people = confirmed(event, other)

    def key(p: EventParticipant) -> tuple[int, int]:
        return (
            (mine.organization_id, p.organization_id)
            if mine.side == Side.FIRM
            else (p.organization_id, mine.organization_id)
        )

    found = fits(key(p) for p in people)
    latest = _latest_requests(mine)
    rows = [Counterpart(p, theme_posts(event, p), found.get(key(p), Fit()), latest.get(p.id)) for p in people]
    rows.sort(key=lambda r: (-r.fit.score, r.participant.organization.name))
    for row in rows[:SUGGESTED_PAIRS]:
        row.suggested = row.fit.score > 0
    return rows


def _latest_requests(mine: EventParticipant) -> dict[int, MeetingRequest]:
    rows = db.session.scalars(
        sa.select(MeetingRequest)
        .where(sa.or_(MeetingRequest.from_participant_id == mine.id, MeetingRequest.to_participant_id == mine.id))
        .order_by(MeetingRequest.id)
    )
    latest: dict[int, MeetingRequest] = {}
    for r in rows:
        latest[r.to_participant_id if r.from_participant_id == mine.id else r.from_participant_id] = r
    return latest
