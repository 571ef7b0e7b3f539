from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.base import Base
from matchmaker.models.challenge import Challenge
from matchmaker.models.yearly_list import YearlyEntryMixin, YearlyListMixin


class KeyProblemList(YearlyListMixin, Base):
    """年度产业关键技术难题榜单: about 100 challenges selected and published each year."""

    __tablename__ = "key_problem_lists"

    entries: Mapped[list[KeyProblemEntry]] = relationship(
        back_populates="list", cascade="all, delete-orphan", order_by="KeyProblemEntry.position"
    )


class KeyProblemEntry(YearlyEntryMixin, Base):
    __tablename__ = "key_problem_entries"
    __table_args__ = (sa.UniqueConstraint("list_id", "challenge_id"),)

    list_id: Mapped[int] = mapped_column(sa.ForeignKey("key_problem_lists.id", ondelete="CASCADE"), index=True)
    challenge_id: Mapped[int] = mapped_column(sa.ForeignKey("challenges.id", ondelete="CASCADE"))

    list: Mapped[KeyProblemList] = relationship(back_populates="entries")
    challenge: Mapped[Challenge] = relationship()

    @property
    def item(self) -> Challenge:
        return self.challenge
