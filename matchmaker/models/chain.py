from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.models.base import Base, Timestamped


class Chain(Timestamped, Base):
    """标志性产业链. Codes and names are data: chains can be added or retired; a retired chain
    (active = False) keeps its posts and history but is not offered for new posts."""

    __tablename__ = "chains"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(40))
    name_en: Mapped[str] = mapped_column(sa.String(80), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    keywords: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<Chain {self.code}>"


# Association tables: which chains an organisation / post belongs to.
organization_chains = sa.Table(
    "organization_chains",
    Base.metadata,
    sa.Column("organization_id", sa.ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("chain_id", sa.ForeignKey("chains.id"), primary_key=True, index=True),
)
challenge_chains = sa.Table(
    "challenge_chains",
    Base.metadata,
    sa.Column("challenge_id", sa.ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("chain_id", sa.ForeignKey("chains.id"), primary_key=True, index=True),
)
capability_chains = sa.Table(
    "capability_chains",
    Base.metadata,
    sa.Column("capability_id", sa.ForeignKey("capabilities.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("chain_id", sa.ForeignKey("chains.id"), primary_key=True, index=True),
)
