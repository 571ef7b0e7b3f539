"""What came of matchmaking: meeting outcomes and event feedback, and deals (成果跟进) that a
technology manager (技术经理人) carries 对接 → 会商 → 落实 / 未成.

One deal per firm–team pair and problem: a meeting outcome, a match marked 已联系 and a selected
揭榜 proposal for the same pair all land on the same deal, and a deal points at the Agreement once
one is signed, so the dashboard counts every agreement once."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.base import Base, Timestamped, Versioned, str_enum, utcnow
from matchmaker.models.capability import Capability
from matchmaker.models.chain import Chain
from matchmaker.models.challenge import Challenge
from matchmaker.models.enums import DealSource, DealStage, OutcomeKind, OutcomeSide
from matchmaker.models.events import Event, EventParticipant
from matchmaker.models.meetings import Meeting
from matchmaker.models.organization import Organization
from matchmaker.models.user import User
from matchmaker.models.workflow import Agreement, Proposal

# The chains a technology manager follows (deals are assigned by chain from these).
manager_chains = sa.Table(
    "manager_chains",
    Base.metadata,
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("chain_id", sa.ForeignKey("chains.id", ondelete="CASCADE"), primary_key=True),
)


class MeetingOutcome(Timestamped, Base):
    """One side's (or the organiser's) account of a meeting; each side answers once and may edit."""

    __tablename__ = "meeting_outcomes"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "side"),
        sa.CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    side: Mapped[OutcomeSide] = mapped_column(str_enum(OutcomeSide, "outcome_side"))
    kind: Mapped[OutcomeKind] = mapped_column(str_enum(OutcomeKind, "outcome_kind"), index=True)
    amount: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))  # 万元, for an agreement
    agreed_on: Mapped[date | None]
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship()
    recorded_by: Mapped[User | None] = relationship()


class EventFeedback(Timestamped, Base):
    """A participant's short word on the event as a whole: 1–5 and a comment."""

    __tablename__ = "event_feedback"
    __table_args__ = (
        sa.UniqueConstraint("participant_id"),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("event_participants.id", ondelete="CASCADE"))
    rating: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="")

    event: Mapped[Event] = relationship()
    participant: Mapped[EventParticipant] = relationship()


class Deal(Timestamped, Versioned, Base):
    """A firm and a team being carried from contact to a signed, working cooperation."""

    __tablename__ = "deals"
    __table_args__ = (
        sa.Index("ix_deals_pair", "firm_org_id", "team_org_id"),
        sa.Index("ix_deals_stage_last_action", "stage", "last_action_at"),
        sa.CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    firm_org_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    team_org_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    challenge_id: Mapped[int | None] = mapped_column(sa.ForeignKey("challenges.id", ondelete="SET NULL"), index=True)
    capability_id: Mapped[int | None] = mapped_column(sa.ForeignKey("capabilities.id", ondelete="SET NULL"))
    # The chain the deal counts under (assignment by chain, the dashboard's per-chain funnel).
    chain_id: Mapped[int | None] = mapped_column(sa.ForeignKey("chains.id", ondelete="SET NULL"), index=True)
    source: Mapped[DealSource] = mapped_column(str_enum(DealSource, "deal_source"))
    # Where it came from; each source opens at most one deal.
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="SET NULL"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="SET NULL"), unique=True)
    match_id: Mapped[int | None] = mapped_column(sa.ForeignKey("matches.id", ondelete="SET NULL"), unique=True)
    proposal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id", ondelete="SET NULL"), unique=True)
    # The signed contract once there is one: the funnel counts agreements through this link.
    agreement_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agreements.id", ondelete="SET NULL"), unique=True)
    stage: Mapped[DealStage] = mapped_column(str_enum(DealStage, "deal_stage"), default=DealStage.CONTACT, index=True)
    manager_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    next_action: Mapped[str] = mapped_column(sa.String(200), default="")
    next_action_on: Mapped[date | None]
    # Any recorded step (stage move, note, next action) resets the clock that makes a deal stale.
    last_action_at: Mapped[datetime] = mapped_column(default=utcnow)
    stale_reminded_at: Mapped[datetime | None]
    failed_reason: Mapped[str] = mapped_column(sa.Text, default="")
    # An agreement reported at a meeting before any Agreement row exists (万元, date).
    amount: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    signed_on: Mapped[date | None]
    seed_key: Mapped[str | None] = mapped_column(sa.String(80), unique=True)  # demo data only

    firm: Mapped[Organization] = relationship(foreign_keys=[firm_org_id])
    team: Mapped[Organization] = relationship(foreign_keys=[team_org_id])
    challenge: Mapped[Challenge | None] = relationship()
    capability: Mapped[Capability | None] = relationship()
    chain: Mapped[Chain | None] = relationship()
    event: Mapped[Event | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    proposal: Mapped[Proposal | None] = relationship()
    agreement: Mapped[Agreement | None] = relationship()
    manager: Mapped[User | None] = relationship()
    notes: Mapped[list[DealNote]] = relationship(
        back_populates="deal", order_by="DealNote.created_at", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Deal {self.id} {self.stage}>"


class DealNote(Base):
    """跟进记录: what the manager (or an organiser) did or learnt; also written to the audit log."""

    __tablename__ = "deal_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(sa.ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    deal: Mapped[Deal] = relationship(back_populates="notes")
    author: Mapped[User | None] = relationship()
