"""Organiser actions on organisations and users. Callers commit."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask import has_request_context, url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.models import Organization, Role, User

REASON_MAX = 500


class OrganizationError(Exception):
    pass


def verify(org: Organization, organiser: User) -> None:
    if org.is_verified:
        raise OrganizationError(_("该单位已通过审核。"))
    org.verified_at = datetime.now(UTC)
    org.verified_by_id = organiser.id
    org.returned_at = org.rejected_at = None
    org.review_note = ""
    audit.record("organization.verified", org, actor=organiser)
    _tell(org, _("您的单位已通过审核"), _("现在可以发布技术需求或科研成果了。"))


def return_for_correction(org: Organization, reason: str, organiser: User) -> None:
    """The applicant corrects the details named in `reason` and sends them back (resubmit)."""
    _decline(org, reason, organiser)
    org.returned_at = datetime.now(UTC)
    audit.record("organization.returned", org, actor=organiser, reason=org.review_note)
    _tell(org, _("单位信息需要修改后重新提交审核"), org.review_note)


def reject(org: Organization, reason: str, organiser: User) -> None:
    _decline(org, reason, organiser)
    org.rejected_at = datetime.now(UTC)
    audit.record("organization.rejected", org, actor=organiser, reason=org.review_note)
    _tell(org, _("单位审核未通过"), org.review_note)


def resubmit(org: Organization, name: str, credit_code: str, city: str, user: User) -> None:
    """The applicant's corrected details: back into the organisers' queue."""
    if org.returned_at is None:
        raise OrganizationError(_("只有被退回修改的申请可以重新提交。"))
    name = name.strip()
    taken = sa.select(Organization.id).where(Organization.id != org.id)
    if db.session.scalar(taken.where(Organization.name == name)):
        raise OrganizationError(_("该单位名称已注册，请联系本单位已有账号或平台组织方。"))
    if db.session.scalar(taken.where(Organization.credit_code == credit_code)):
        raise OrganizationError(_("该统一社会信用代码已注册，请联系本单位已有账号或平台组织方。"))
    org.name, org.credit_code, org.city = name, credit_code, city
    org.returned_at = None
    audit.record("organization.resubmitted", org, actor=user, previous_note=org.review_note)


def _decline(org: Organization, reason: str, organiser: User) -> None:
    if org.is_verified:
        raise OrganizationError(_("该单位已通过审核。"))
    if org.rejected_at is not None:
        raise OrganizationError(_("该单位的申请已被驳回。"))
    reason = (reason or "").strip()
    if not reason:
        raise OrganizationError(_("请填写原因，申请单位会看到它。"))
    org.review_note = reason[:REASON_MAX]


def _tell(org: Organization, title: str, body: str) -> None:
    from matchmaker.notifications.operations import notify_organization

    link = url_for("home.organization") if has_request_context() else ""
    notify_organization(org.id, "organization.review", title, body, link)


def set_active(user: User, active: bool, organiser: User) -> None:
    if user.id == organiser.id:
        raise OrganizationError(_("不能停用自己的账号。"))
    if user.role == Role.ADMIN and organiser.role != Role.ADMIN:
        raise OrganizationError(_("只有系统管理员可以停用管理员账号。"))
    user.active = active
    user.end_all_sessions()  # a reactivated account starts signed out everywhere
    audit.record("user.activated" if active else "user.deactivated", user, actor=organiser)


def sign_out_user(user: User, organiser: User) -> None:
    """An organiser's reset: every session, remember cookie and API token of the user ends."""
    from matchmaker.auth.operations import revoke_all_tokens

    if user.role == Role.ADMIN and organiser.role != Role.ADMIN:
        raise OrganizationError(_("只有系统管理员可以重置管理员账号的登录。"))
    user.end_all_sessions()
    revoked = revoke_all_tokens(user)
    audit.record("user.sessions_reset", user, actor=organiser, tokens_revoked=revoked)
