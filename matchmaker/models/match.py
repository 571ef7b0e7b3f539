from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.models.base import Base, Timestamped, Versioned, str_enum
from matchmaker.models.capability import Capability
from matchmaker.models.challenge import Challenge
from matchmaker.models.enums import MatchFeedback, MatchSource, MatchStatus


class Match(Timestamped, Versioned, Base):
    """A challenge × capability pairing with its score and the terms that explain it."""

    __tablename__ = "matches"
    __table_args__ = (
        sa.UniqueConstraint("challenge_id", "capability_id"),
        sa.Index("ix_matches_challenge_score", "challenge_id", "score"),
        sa.Index("ix_matches_capability_score", "capability_id", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(sa.ForeignKey("challenges.id", ondelete="CASCADE"))
    capability_id: Mapped[int] = mapped_column(sa.ForeignKey("capabilities.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(default=0.0)
    terms: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    source: Mapped[MatchSource] = mapped_column(str_enum(MatchSource, "match_source"), default=MatchSource.RECOMMENDER)
    status: Mapped[MatchStatus] = mapped_column(
        str_enum(MatchStatus, "match_status"), default=MatchStatus.SUGGESTED, index=True
    )
    feedback: Mapped[MatchFeedback | None] = mapped_column(str_enum(MatchFeedback, "match_feedback"))
    feedback_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    feedback_at: Mapped[datetime | None]
    # Whose stored top list holds this pair: the challenge's, the capability's or both. One row
    # serves both directions, so a side's refresh drops an untouched row only when neither holds it.
    for_challenge: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    for_capability: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    challenge: Mapped[Challenge] = relationship()
    capability: Mapped[Capability] = relationship()
