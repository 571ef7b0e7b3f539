"""Organiser actions on organisations and users. Callers commit."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.models import Organization, Role, User


class OrganizationError(Exception):
    pass


def verify(org: Organization, organiser: User) -> None:
    if org.is_verified:
        raise OrganizationError(_("该单位已通过审核。"))
    org.verified_at = datetime.now(UTC)
    org.verified_by_id = organiser.id
    audit.record("organization.verified", org, actor=organiser)


def set_active(user: User, active: bool, organiser: User) -> None:
    if user.id == organiser.id:
        raise OrganizationError(_("不能停用自己的账号。"))
    if user.role == Role.ADMIN and organiser.role != Role.ADMIN:
        raise OrganizationError(_("只有系统管理员可以停用管理员账号。"))
    user.active = active
    audit.record("user.activated" if active else "user.deactivated", user, actor=organiser)
