from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from matchmaker.models.base import Base, Timestamped, str_enum
from matchmaker.models.enums import Role
from matchmaker.models.organization import Organization


class User(UserMixin, Timestamped, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    role: Mapped[Role] = mapped_column(str_enum(Role, "user_role"), index=True)
    # 职称, e.g. 副教授 / 高级工程师: expert reviewers must hold one of the senior titles.
    title: Mapped[str] = mapped_column(sa.String(40), default="")
    # Appointed by an organiser as an expert reviewer of proposals (needs a senior title).
    is_reviewer: Mapped[bool] = mapped_column(default=False)
    # Appointed by an organiser as a technology manager (技术经理人) who follows deals; their
    # chains are in `manager_chains` (matchmaker/models/deals.py).
    is_tech_manager: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]
    # Part of every session and remember cookie (get_id); bumping it ends them all at once.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    organization: Mapped[Organization] = relationship(back_populates="users", foreign_keys=[organization_id])

    @property
    def is_active(self) -> bool:  # flask-login refuses inactive users
        return self.active

    def get_id(self) -> str:
        # "id.generation": a cookie issued before the last bump no longer names a live session.
        return f"{self.id}.{self.session_generation}"

    def end_all_sessions(self) -> None:
        """Sign out every browser: sessions and remember cookies carry the old generation."""
        self.session_generation = (self.session_generation or 0) + 1

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.email}>"
