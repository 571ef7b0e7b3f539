from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.base import Base, Timestamped, str_enum
from matchmaker.models.capability import Capability
from matchmaker.models.enums import ResultCategory, ResultEntryStatus
from matchmaker.models.user import User
from matchmaker.models.yearly_list import YearlyEntryMixin, YearlyListMixin


class GoodResultList(YearlyListMixin, Base):
    """山东好成果: the yearly selection of good research results (capabilities), published like
    the key-problem list."""

    __tablename__ = "good_result_lists"

    entries: Mapped[list[GoodResultEntry]] = relationship(
        back_populates="list", cascade="all, delete-orphan", order_by="GoodResultEntry.position"
    )


class GoodResultEntry(YearlyEntryMixin, Timestamped, Base):
    """A capability in the year's selection: nominated by its team (awaiting the organisers) or
    selected; with the short evaluation an appointed expert reviewer writes."""

    __tablename__ = "good_result_entries"
    __table_args__ = (
        sa.UniqueConstraint("list_id", "capability_id"),
        sa.CheckConstraint("eval_trl IS NULL OR eval_trl BETWEEN 1 AND 9", name="eval_trl_range"),
    )

    list_id: Mapped[int] = mapped_column(sa.ForeignKey("good_result_lists.id", ondelete="CASCADE"), index=True)
    capability_id: Mapped[int] = mapped_column(sa.ForeignKey("capabilities.id", ondelete="CASCADE"), index=True)
    status: Mapped[ResultEntryStatus] = mapped_column(
        str_enum(ResultEntryStatus, "result_entry_status"), default=ResultEntryStatus.SELECTED
    )
    nominated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # The evaluation: an appointed reviewer is asked, then writes it once.
    reviewer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    category: Mapped[ResultCategory | None] = mapped_column(str_enum(ResultCategory, "result_category"))
    eval_trl: Mapped[int | None]
    ip_status: Mapped[str] = mapped_column(sa.String(200), default="")
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    reviewed_at: Mapped[datetime | None]

    list: Mapped[GoodResultList] = relationship(back_populates="entries")
    capability: Mapped[Capability] = relationship()
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    nominated_by: Mapped[User | None] = relationship(foreign_keys=[nominated_by_id])

    @property
    def item(self) -> Capability:
        return self.capability

    @property
    def evaluated(self) -> bool:
        return self.reviewed_at is not None
