"""Columns shared by the two kinds of post: a challenge (技术需求) and a capability (科研能力)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from matchmaker.models.base import Timestamped, Versioned


class PostMixin(Timestamped, Versioned):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(120))
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    keywords: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # Segmented text kept at save time so an index rebuild never runs jieba again.
    tokens: Mapped[list[str] | None] = mapped_column(sa.JSON)
    # Hash of the text and the tokenizer that made `tokens`: equal means segmenting again is not needed.
    tokens_key: Mapped[str | None] = mapped_column(sa.String(16))
    published_at: Mapped[datetime | None]
    seed_key: Mapped[str | None] = mapped_column(sa.String(60), unique=True)

    @declared_attr
    def organization_id(cls) -> Mapped[int]:
        return mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def created_by_id(cls) -> Mapped[int | None]:
        return mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    @declared_attr
    def primary_chain_id(cls) -> Mapped[int]:
        return mapped_column(sa.ForeignKey("chains.id"), index=True)

    @property
    def ordered_chains(self) -> list:
        """The main chain first, then the others in the chains' own order: the one order of
        every list, badge, export and API answer, so export → import keeps the main chain."""
        return sorted(self.chains, key=lambda chain: chain.id != self.primary_chain_id)
