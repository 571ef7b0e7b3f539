from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.models.base import Base, utcnow


class Revision(Base):
    """Edit history of a post: a snapshot of its fields as they were before each edit."""

    __tablename__ = "revisions"
    __table_args__ = (sa.Index("ix_revisions_entity", "entity_type", "entity_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(sa.String(20))  # "challenge" | "capability"
    entity_id: Mapped[int]
    version: Mapped[int]
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    snapshot: Mapped[dict] = mapped_column(sa.JSON)
