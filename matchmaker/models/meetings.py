"""One-to-one meetings (洽谈) at an event: requests between confirmed participants, the meetings
the agenda solver places on the grid, and each solve's figures.

A meeting keeps two places: the organiser's draft (slot, table) that solving and locking change,
and the published one participants see. Publishing copies the draft over, so a re-solve never
surprises anyone, and the difference is what "moved" counts. Issue 12's outcome fields (no
interest / follow-up / intent / agreement, feedback) belong on Meeting, beside `status`."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.background import TaskRun
from matchmaker.models.base import Base, Timestamped, Versioned, str_enum, utcnow
from matchmaker.models.enums import MeetingSource, MeetingStatus, RequestStatus
from matchmaker.models.events import Event, EventParticipant
from matchmaker.models.user import User


class MeetingRequest(Timestamped, Versioned, Base):
    """洽谈邀约: one participant asks one on the other side for a meeting; the organiser may also
    make one (already accepted) for two participants."""

    __tablename__ = "meeting_requests"
    __table_args__ = (sa.Index("ix_meeting_requests_status_expires", "status", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    from_participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event_participants.id", ondelete="CASCADE"), index=True
    )
    to_participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event_participants.id", ondelete="CASCADE"), index=True
    )
    sent_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    by_organiser: Mapped[bool] = mapped_column(default=False)
    message: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[RequestStatus] = mapped_column(
        str_enum(RequestStatus, "meeting_request_status"), default=RequestStatus.PENDING, index=True
    )
    reason: Mapped[str] = mapped_column(sa.Text, default="")  # why declined / cancelled
    # Priority inputs: both sides asked for each other; the recommender's best score for the pair.
    mutual: Mapped[bool] = mapped_column(default=False)
    match_score: Mapped[float] = mapped_column(default=0.0)
    expires_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    # Why the last solve could not place it (empty when placed or never solved).
    unscheduled_reason: Mapped[str] = mapped_column(sa.Text, default="")

    event: Mapped[Event] = relationship()
    sender: Mapped[EventParticipant] = relationship(foreign_keys=[from_participant_id])
    recipient: Mapped[EventParticipant] = relationship(foreign_keys=[to_participant_id])
    sent_by: Mapped[User | None] = relationship(foreign_keys=[sent_by_id])

    @property
    def priority(self) -> float:
        """What the agenda maximises: an accepted request counts 1, mutual interest 1 more, and
        the recommender's score (0–1) breaks ties between equally wanted meetings."""
        return round(1.0 + (1.0 if self.mutual else 0.0) + min(max(self.match_score, 0.0), 1.0), 6)

    def __repr__(self) -> str:
        return f"<MeetingRequest {self.id} {self.status}>"


class Meeting(Timestamped, Versioned, Base):
    """A firm and a team at one table (or online) in one slot of the event's grid."""

    __tablename__ = "meetings"
    __table_args__ = (sa.Index("ix_meetings_event_slot", "event_id", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meeting_requests.id", ondelete="SET NULL"), index=True
    )
    firm_participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event_participants.id", ondelete="CASCADE"), index=True
    )
    team_participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event_participants.id", ondelete="CASCADE"), index=True
    )
    # The organiser's draft place: slot number from 0; table name, or None for an online meeting.
    slot: Mapped[int]
    table: Mapped[str | None] = mapped_column(sa.String(60))
    # What participants were told at the last publication (None: never published).
    published_slot: Mapped[int | None]
    published_table: Mapped[str | None] = mapped_column(sa.String(60))
    published_at: Mapped[datetime | None]
    online_link: Mapped[str] = mapped_column(sa.String(300), default="")
    locked: Mapped[bool] = mapped_column(default=False)
    source: Mapped[MeetingSource] = mapped_column(str_enum(MeetingSource, "meeting_source"))
    status: Mapped[MeetingStatus] = mapped_column(
        str_enum(MeetingStatus, "meeting_status"), default=MeetingStatus.SCHEDULED, index=True
    )
    cancel_reason: Mapped[str] = mapped_column(sa.Text, default="")
    # On the day: the side that did not come (its table was freed for a walk-in meeting).
    absent_participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("event_participants.id", ondelete="SET NULL")
    )
    moved_count: Mapped[int] = mapped_column(default=0)  # published places changed by re-solving
    seed_key: Mapped[str | None] = mapped_column(sa.String(80), unique=True)  # demo data only

    event: Mapped[Event] = relationship()
    request: Mapped[MeetingRequest | None] = relationship()
    firm: Mapped[EventParticipant] = relationship(foreign_keys=[firm_participant_id])
    team: Mapped[EventParticipant] = relationship(foreign_keys=[team_participant_id])

    @property
    def online(self) -> bool:
        return self.table is None

    @property
    def is_published(self) -> bool:
        return self.published_slot is not None

    @property
    def changed_since_published(self) -> bool:
        return self.is_published and (self.slot, self.table) != (self.published_slot, self.published_table)

    def __repr__(self) -> str:
        return f"<Meeting {self.id} slot {self.slot} {self.table}>"


class AgendaRun(Base):
    """One solve of an event's agenda: its task's progress and the figures the organiser reviews."""

    __tablename__ = "agenda_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    task_run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("task_runs.id", ondelete="SET NULL"))
    keep_published: Mapped[bool] = mapped_column(default=True)
    # meetings, requests, objective, bound, idle_gaps, moved, dropped, seconds, checked; or error.
    summary: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship()
    task_run: Mapped[TaskRun | None] = relationship()
