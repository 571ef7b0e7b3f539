"""Matchmaking events: the year's plan, its events and who takes part.

Event already carries its one-to-one meeting grid (date, first slot, slot length, slots,
breaks, tables, online meetings), so meeting requests and agendas build on it without a
rewrite."""

from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.base import Base, Timestamped, Versioned, str_enum
from matchmaker.models.chain import Chain
from matchmaker.models.enums import (
    EventFormat,
    EventStatus,
    EventStyle,
    ParticipantSource,
    ParticipantStatus,
    PlanStatus,
    Side,
)
from matchmaker.models.organization import Organization
from matchmaker.models.user import User


class YearPlan(Timestamped, Base):
    """年度对接活动计划: the target number of events for a year and the rules its proposal kept."""

    __tablename__ = "year_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    target: Mapped[int] = mapped_column(default=6)
    min_gap_days: Mapped[int] = mapped_column(default=21)
    # [["2027-07-20", "2027-08-20"], ...] and ["2027-05-18", ...]: the planner's own input.
    blackouts: Mapped[list] = mapped_column(sa.JSON, default=list)
    fixed_dates: Mapped[list] = mapped_column(sa.JSON, default=list)
    warnings: Mapped[list] = mapped_column(sa.JSON, default=list)
    status: Mapped[PlanStatus] = mapped_column(str_enum(PlanStatus, "plan_status"), default=PlanStatus.DRAFT)
    published_at: Mapped[datetime | None]

    events: Mapped[list[Event]] = relationship(back_populates="plan", order_by="Event.starts_on")


event_chains = sa.Table(
    "event_chains",
    Base.metadata,
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("chain_id", sa.ForeignKey("chains.id"), primary_key=True, index=True),
    sa.Column("position", sa.Integer, nullable=False, default=0),
)


class Event(Timestamped, Versioned, Base):
    """产学研精准对接活动: one event around 1–3 chains (its theme), public once published."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(sa.ForeignKey("year_plans.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(sa.String(120))
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    start_time: Mapped[time] = mapped_column(default=time(9, 0))
    end_time: Mapped[time] = mapped_column(default=time(17, 0))
    city: Mapped[str] = mapped_column(sa.String(20), default="")
    venue: Mapped[str] = mapped_column(sa.String(200), default="")
    venue_en: Mapped[str] = mapped_column(sa.String(200), default="")
    host_organization_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="SET NULL"))
    format: Mapped[EventFormat] = mapped_column(str_enum(EventFormat, "event_format"), default=EventFormat.OFFLINE)
    style: Mapped[EventStyle] = mapped_column(
        str_enum(EventStyle, "event_style"), default=EventStyle.FIRM_VISITS_UNIVERSITY
    )
    capacity_firms: Mapped[int] = mapped_column(default=30)
    capacity_teams: Mapped[int] = mapped_column(default=30)
    registration_deadline: Mapped[date | None]
    agenda_outline: Mapped[str] = mapped_column(sa.Text, default="")
    agenda_outline_en: Mapped[str] = mapped_column(sa.Text, default="")
    # Why the planner proposed this event (open demand, overlap, capacity), kept for the organiser.
    planner_reason: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[EventStatus] = mapped_column(
        str_enum(EventStatus, "event_status"), default=EventStatus.DRAFT, index=True
    )
    published_at: Mapped[datetime | None]
    cancel_reason: Mapped[str] = mapped_column(sa.Text, default="")
    seed_key: Mapped[str | None] = mapped_column(sa.String(60), unique=True)  # demo data only

    # One-to-one meeting grid (洽谈): filled in by the organiser before requests open.
    meeting_date: Mapped[date | None]
    first_slot: Mapped[time | None]
    slot_minutes: Mapped[int] = mapped_column(default=20)
    slot_count: Mapped[int] = mapped_column(default=0)
    break_slots: Mapped[list] = mapped_column(sa.JSON, default=list)  # slot numbers with no meetings
    tables: Mapped[list] = mapped_column(sa.JSON, default=list)  # table names, in order
    online_meetings: Mapped[bool] = mapped_column(default=False)
    max_meetings: Mapped[int] = mapped_column(default=6)
    request_deadline: Mapped[datetime | None]
    answer_timeout_hours: Mapped[int] = mapped_column(default=48)

    plan: Mapped[YearPlan | None] = relationship(back_populates="events")
    host: Mapped[Organization | None] = relationship()
    chains: Mapped[list[Chain]] = relationship(secondary=event_chains, order_by=event_chains.c.position)
    participants: Mapped[list[EventParticipant]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventParticipant.id"
    )

    def capacity(self, side: Side) -> int:
        return self.capacity_firms if side == Side.FIRM else self.capacity_teams

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.starts_on}>"


class EventParticipant(Timestamped, Base):
    """An organisation at an event, on one side, from invitation or registration to attendance."""

    __tablename__ = "event_participants"
    __table_args__ = (sa.UniqueConstraint("event_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    # The contact person: who registered or answered the invitation.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    side: Mapped[Side] = mapped_column(str_enum(Side, "participant_side"))
    status: Mapped[ParticipantStatus] = mapped_column(str_enum(ParticipantStatus, "participant_status"), index=True)
    source: Mapped[ParticipantSource] = mapped_column(str_enum(ParticipantSource, "participant_source"))
    # Why the product suggested this organisation (demand, matched teams, terms), shown to the organiser.
    suggestion: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    message: Mapped[str] = mapped_column(sa.Text, default="")  # a registrant's note
    reason: Mapped[str] = mapped_column(sa.Text, default="")  # why declined / rejected
    invited_at: Mapped[datetime | None]
    responded_at: Mapped[datetime | None]
    waiting_since: Mapped[datetime | None]  # the waiting list's order
    unavailable_slots: Mapped[list] = mapped_column(sa.JSON, default=list)
    checked_in_at: Mapped[datetime | None]
    outcome_reminded_at: Mapped[datetime | None]  # asked for meeting outcomes after the event

    event: Mapped[Event] = relationship(back_populates="participants")
    organization: Mapped[Organization] = relationship()
    user: Mapped[User | None] = relationship()

    @property
    def holds_place(self) -> bool:
        return self.status in (ParticipantStatus.ACCEPTED, ParticipantStatus.APPROVED)
