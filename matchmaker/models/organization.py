from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.base import Base, Timestamped, Versioned, str_enum
from matchmaker.models.chain import Chain, organization_chains
from matchmaker.models.enums import OrgKind

if TYPE_CHECKING:
    from matchmaker.models.user import User


class Organization(Timestamped, Versioned, Base):
    """A firm, university, institute or agency. Pending until an organiser verifies it."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrgKind] = mapped_column(str_enum(OrgKind, "org_kind"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    # 统一社会信用代码 (GB 32100-2015), validated in matchmaker.organizations.credit_code.
    credit_code: Mapped[str | None] = mapped_column(sa.String(18), unique=True)
    city: Mapped[str] = mapped_column(sa.String(20), index=True)
    tiers: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", use_alter=True, ondelete="SET NULL"))
    # An organiser's answer other than 通过: returned for correction (the applicant edits and
    # resubmits) or rejected; the reason is shown to the applicant.
    returned_at: Mapped[datetime | None]
    rejected_at: Mapped[datetime | None]
    review_note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # Stable key of demo data, so re-seeding updates instead of duplicating.
    seed_key: Mapped[str | None] = mapped_column(sa.String(60), unique=True)

    chains: Mapped[list[Chain]] = relationship(secondary=organization_chains, order_by=Chain.sort_order)
    users: Mapped[list[User]] = relationship(back_populates="organization", foreign_keys="User.organization_id")

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def awaiting_review(self) -> bool:
        """In the organisers' queue: neither decided nor waiting for the applicant's correction."""
        return self.verified_at is None and self.returned_at is None and self.rejected_at is None

    def __repr__(self) -> str:
        return f"<Organization {self.name}>"
