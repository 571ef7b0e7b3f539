from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.base import Base, str_enum
from matchmaker.models.chain import Chain, challenge_chains
from matchmaker.models.enums import ChallengeMode, ChallengeStatus, SolutionMode
from matchmaker.models.organization import Organization
from matchmaker.models.post import PostMixin


class Challenge(PostMixin, Base):
    """技术需求 / 揭榜挂帅榜单, with the fields of a 技术需求征集表.

    Public: title, chains, problem, indicators, goal, keywords, budget, mode, deadline.
    Confidential (owner, organisers, teams granted access): confidential_detail and contact.
    """

    __tablename__ = "challenges"
    __table_args__ = (
        sa.Index("ix_challenges_status_deadline", "status", "deadline"),
        # Lists (newest first), the home page's count per chain, the index sync (changed since).
        sa.Index("ix_challenges_published_at_id", "published_at", "id", postgresql_include=["status"]),
        sa.Index("ix_challenges_status_primary_chain_id", "status", "primary_chain_id"),
        sa.Index("ix_challenges_updated_at", "updated_at"),
        sa.CheckConstraint("budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max", name="budget_range"),
    )

    problem: Mapped[str] = mapped_column(sa.Text)  # 主要问题
    indicators: Mapped[str] = mapped_column(sa.Text, default="")  # 技术关键与主要指标
    goal: Mapped[str] = mapped_column(sa.Text, default="")  # 预期目标
    budget_min: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))  # 拟投入资金 (万元)
    budget_max: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    solution_mode: Mapped[SolutionMode] = mapped_column(
        str_enum(SolutionMode, "solution_mode"), default=SolutionMode.COOPERATIVE
    )
    deadline: Mapped[date | None] = mapped_column(index=True)  # 需求时限
    contact_name: Mapped[str] = mapped_column(sa.String(40), default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(40), default="")
    mode: Mapped[ChallengeMode] = mapped_column(
        str_enum(ChallengeMode, "challenge_mode"), default=ChallengeMode.MATCHMAKING, index=True
    )
    confidential_detail: Mapped[str] = mapped_column(sa.Text, default="")
    summary_en: Mapped[str] = mapped_column(sa.Text, default="")  # for the yearly list abroad
    status: Mapped[ChallengeStatus] = mapped_column(
        str_enum(ChallengeStatus, "challenge_status"), default=ChallengeStatus.DRAFT, index=True
    )

    organization: Mapped[Organization] = relationship()
    primary_chain: Mapped[Chain] = relationship()
    chains: Mapped[list[Chain]] = relationship(secondary=challenge_chains, order_by=Chain.sort_order)

    @property
    def text_for_matching(self) -> str:
        return "\n".join([self.problem, self.indicators, self.goal])

    def __repr__(self) -> str:
        return f"<Challenge {self.id} {self.title}>"
