"""The 揭榜挂帅 workflow: access to confidential detail, proposals, expert reviews, agreements."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.base import Base, Timestamped, Versioned, str_enum
from matchmaker.models.capability import Capability
from matchmaker.models.challenge import Challenge
from matchmaker.models.enums import AccessStatus, ProposalStatus, ReviewStatus
from matchmaker.models.organization import Organization
from matchmaker.models.user import User


class AccessRequest(Timestamped, Base):
    """A team asks the firm to see a challenge's confidential detail."""

    __tablename__ = "access_requests"
    __table_args__ = (sa.UniqueConstraint("challenge_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(sa.ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(sa.String(500))
    status: Mapped[AccessStatus] = mapped_column(
        str_enum(AccessStatus, "access_status"), default=AccessStatus.PENDING, index=True
    )
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    challenge: Mapped[Challenge] = relationship()
    organization: Mapped[Organization] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])


class Proposal(Timestamped, Versioned, Base):
    """揭榜申请: one per team (organisation) per challenge, editable until the deadline."""

    __tablename__ = "proposals"
    __table_args__ = (sa.UniqueConstraint("challenge_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(sa.ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    capability_id: Mapped[int | None] = mapped_column(sa.ForeignKey("capabilities.id", ondelete="SET NULL"))
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    summary: Mapped[str] = mapped_column(sa.Text)  # 方案概要
    technical_route: Mapped[str] = mapped_column(sa.Text)  # 技术路线
    budget: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))  # 预算 (万元)
    duration_months: Mapped[int | None]  # 周期
    members: Mapped[str] = mapped_column(sa.Text, default="")  # 团队成员
    status: Mapped[ProposalStatus] = mapped_column(
        str_enum(ProposalStatus, "proposal_status"), default=ProposalStatus.SUBMITTED, index=True
    )
    decided_at: Mapped[datetime | None]

    challenge: Mapped[Challenge] = relationship()
    organization: Mapped[Organization] = relationship()
    capability: Mapped[Capability | None] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])


class Review(Timestamped, Base):
    """An expert reviewer's score and comment on a proposal, requested by the firm."""

    __tablename__ = "reviews"
    __table_args__ = (
        sa.UniqueConstraint("proposal_id", "reviewer_id"),
        sa.CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    score: Mapped[int | None]
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[ReviewStatus] = mapped_column(
        str_enum(ReviewStatus, "review_status"), default=ReviewStatus.REQUESTED, index=True
    )
    completed_at: Mapped[datetime | None]

    proposal: Mapped[Proposal] = relationship()
    reviewer: Mapped[User] = relationship(foreign_keys=[reviewer_id])


class Agreement(Timestamped, Base):
    """签约: the contract between the firm and a selected team."""

    __tablename__ = "agreements"
    __table_args__ = (sa.CheckConstraint("amount >= 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(sa.ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id", ondelete="SET NULL"), unique=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    amount: Mapped[Decimal] = mapped_column(sa.Numeric(12, 2))  # 万元
    signed_on: Mapped[date] = mapped_column(index=True)
    contract_no: Mapped[str] = mapped_column(sa.String(40), default="")  # 技术合同登记号
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    challenge: Mapped[Challenge] = relationship()
    proposal: Mapped[Proposal | None] = relationship()
    organization: Mapped[Organization] = relationship()
