"""Columns both yearly published lists share: the key-problem list (榜单) and the good-results
selection (山东好成果). A list has a year, a target, a title and introduction in Chinese and
English, and a publication time; an entry has a position and its own English title and summary."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.models.base import Timestamped


class YearlyListMixin(Timestamped):
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    target: Mapped[int] = mapped_column(default=100)
    title: Mapped[str] = mapped_column(sa.String(120), default="")
    intro: Mapped[str] = mapped_column(sa.Text, default="")
    intro_en: Mapped[str] = mapped_column(sa.Text, default="")
    published_at: Mapped[datetime | None]


class YearlyEntryMixin:
    """Each entry class names its post in `item` (the challenge, the capability)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    summary_en: Mapped[str] = mapped_column(sa.Text, default="")

    @property
    def item(self):  # pragma: no cover - each entry class overrides it
        raise NotImplementedError

    @property
    def english_title(self) -> str:
        """The entry's own English title, else the post's: the fallback every page and export uses."""
        return self.title_en or self.item.title_en

    @property
    def english_summary(self) -> str:
        return self.summary_en or getattr(self.item, "summary_en", "")
