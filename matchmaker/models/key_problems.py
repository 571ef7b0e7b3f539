from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.base import Base, Timestamped
from matchmaker.models.challenge import Challenge


class KeyProblemList(Timestamped, Base):
    """年度产业关键技术难题榜单: about 100 challenges selected and published each year."""

    __tablename__ = "key_problem_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    target: Mapped[int] = mapped_column(default=100)
    title: Mapped[str] = mapped_column(sa.String(120), default="")
    intro: Mapped[str] = mapped_column(sa.Text, default="")
    intro_en: Mapped[str] = mapped_column(sa.Text, default="")
    published_at: Mapped[datetime | None]

    entries: Mapped[list[KeyProblemEntry]] = relationship(
        back_populates="list", cascade="all, delete-orphan", order_by="KeyProblemEntry.position"
    )


class KeyProblemEntry(Base):
    __tablename__ = "key_problem_entries"
    __table_args__ = (sa.UniqueConstraint("list_id", "challenge_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(sa.ForeignKey("key_problem_lists.id", ondelete="CASCADE"), index=True)
    challenge_id: Mapped[int] = mapped_column(sa.ForeignKey("challenges.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    summary_en: Mapped[str] = mapped_column(sa.Text, default="")

    list: Mapped[KeyProblemList] = relationship(back_populates="entries")
    challenge: Mapped[Challenge] = relationship()
