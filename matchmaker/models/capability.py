from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.base import Base, str_enum
from matchmaker.models.chain import Chain, capability_chains
from matchmaker.models.enums import CapabilityStatus
from matchmaker.models.organization import Organization
from matchmaker.models.post import PostMixin


class Capability(PostMixin, Base):
    """科研能力 / 科技成果 of a university or institute team."""

    __tablename__ = "capabilities"
    __table_args__ = (
        sa.CheckConstraint("trl BETWEEN 1 AND 9", name="trl_range"),
        # Lists (newest first), the home page's count, the index sync (changed since).
        sa.Index("ix_capabilities_published_at_id", "published_at", "id", postgresql_include=["status"]),
        sa.Index("ix_capabilities_status_primary_chain_id", "status", "primary_chain_id"),
        sa.Index("ix_capabilities_updated_at", "updated_at"),
    )

    team_name: Mapped[str] = mapped_column(sa.String(80))
    leader: Mapped[str] = mapped_column(sa.String(40))
    leader_title: Mapped[str] = mapped_column(sa.String(40), default="")
    description: Mapped[str] = mapped_column(sa.Text)  # 成果介绍
    trl: Mapped[int] = mapped_column(index=True)  # 技术成熟度 1–9
    cooperation_modes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    ip: Mapped[str] = mapped_column(sa.Text, default="")  # 知识产权
    applications: Mapped[str] = mapped_column(sa.Text, default="")
    # For the results library (科技成果库): the publicly funded project the result came from, if any.
    funded_project: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    funded_project_no: Mapped[str] = mapped_column(sa.String(60), default="", server_default="")
    # 转化产品: the product or process a transfer-ready result yields (the catalogue lists it).
    product: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    status: Mapped[CapabilityStatus] = mapped_column(
        str_enum(CapabilityStatus, "capability_status"), default=CapabilityStatus.DRAFT, index=True
    )

    organization: Mapped[Organization] = relationship()
    primary_chain: Mapped[Chain] = relationship()
    chains: Mapped[list[Chain]] = relationship(secondary=capability_chains, order_by=Chain.sort_order)

    @property
    def text_for_matching(self) -> str:
        return "\n".join([self.description, self.applications])

    def __repr__(self) -> str:
        return f"<Capability {self.id} {self.title}>"
