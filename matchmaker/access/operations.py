"""Requests for a challenge's confidential detail and the firm's decisions. Callers commit."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.authz import can_view_confidential, is_verified_member
from matchmaker.extensions import db
from matchmaker.models import AccessRequest, AccessStatus, Challenge, ChallengeStatus, Role, User
from matchmaker.notifications.operations import notify, notify_organization

# A team may ask while the challenge is open to proposals or being reviewed.
REQUESTABLE = (ChallengeStatus.PUBLISHED, ChallengeStatus.IN_REVIEW)


class AccessError(Exception):
    pass


def request_access(challenge: Challenge, user: User, reason: str) -> AccessRequest:
    """Open (or reopen after a decline) the organisation's one request for this challenge."""
    if user.role != Role.TEAM:
        raise AccessError(_("只有科研团队可以申请查看详细资料。"))
    if not is_verified_member(user):
        raise AccessError(_("贵单位尚未通过组织方审核，审核通过后才能申请查看详细资料。"))
    if challenge.status not in REQUESTABLE:
        raise AccessError(_("该需求当前不接受访问申请。"))
    if can_view_confidential(user, challenge):
        raise AccessError(_("您已可以查看该需求的详细资料。"))
    existing = db.session.scalar(
        sa.select(AccessRequest).where(
            AccessRequest.challenge_id == challenge.id, AccessRequest.organization_id == user.organization_id
        )
    )
    if existing is not None and existing.status == AccessStatus.PENDING:
        raise AccessError(_("已提交申请，请等待企业审批。"))
    entry = existing or AccessRequest(challenge=challenge, organization_id=user.organization_id)
    entry.reason = reason.strip()
    entry.requested_by_id = user.id
    entry.status = AccessStatus.PENDING
    entry.decided_by_id = None
    entry.decided_at = None
    db.session.add(entry)
    db.session.flush()
    audit.record("access.requested", entry, actor=user, challenge_id=challenge.id)
    notify_organization(
        challenge.organization_id,
        "access_requested",
        _("%(org)s 申请查看《%(title)s》的详细资料", org=user.organization.name, title=challenge.title),
        entry.reason,
        url_for("access.requests"),
    )
    return entry


def decide(entry: AccessRequest, approve: bool, firm_user: User) -> None:
    """Grant or decline a pending request; the requesting team is told either way."""
    if entry.status != AccessStatus.PENDING:
        raise AccessError(_("该申请已处理。"))
    entry.status = AccessStatus.APPROVED if approve else AccessStatus.DECLINED
    entry.decided_by_id = firm_user.id
    entry.decided_at = datetime.now(UTC)
    challenge = entry.challenge
    audit.record(
        "access.granted" if approve else "access.declined",
        entry,
        actor=firm_user,
        challenge_id=challenge.id,
        organization_id=entry.organization_id,
    )
    if approve:
        title = _("《%(title)s》的发布企业已同意您查看详细资料", title=challenge.title)
    else:
        title = _("《%(title)s》的发布企业暂未同意您查看详细资料", title=challenge.title)
    link = url_for("challenges.detail", challenge_id=challenge.id)
    recipients = [entry.requested_by] if entry.requested_by is not None else []
    if recipients:
        notify(recipients, "access_granted" if approve else "access_declined", title, "", link)
    else:
        notify_organization(entry.organization_id, "access_granted" if approve else "access_declined", title, "", link)
