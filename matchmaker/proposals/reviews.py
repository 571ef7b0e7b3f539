"""Expert review: organisers appoint reviewers (senior titles only), firms request reviews of
proposals, reviewers score them. Callers commit."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.authz import is_conflicted_reviewer
from matchmaker.extensions import db
from matchmaker.models import Proposal, Review, ReviewStatus, User
from matchmaker.notifications.operations import notify, notify_organization
from matchmaker.proposals.operations import ProposalError
from matchmaker.proposals.selection import start_review

# 职称 that qualify an expert reviewer: 副高级 (associate senior) and 正高级 (full senior) titles.
SENIOR_TITLES = frozenset(
    {
        "教授",
        "副教授",
        "研究员",
        "副研究员",
        "正高级工程师",
        "教授级高级工程师",
        "高级工程师",
        "正高级实验师",
        "高级实验师",
        "主任医师",
        "副主任医师",
        "主任药师",
        "副主任药师",
    }
)


def is_eligible(user: User) -> bool:
    return (user.title or "").strip() in SENIOR_TITLES


def appoint(user: User, appointed: bool, organiser: User) -> None:
    if appointed and not is_eligible(user):
        raise ProposalError(
            _(
                "%(name)s 的职称（%(title)s）不符合要求：评审专家须具有副高级及以上职称，"
                "如副教授、副研究员、高级工程师。",
                name=user.name,
                title=user.title or _("未填写"),
            )
        )
    if not user.active and appointed:
        raise ProposalError(_("该账号已停用，不能聘任为评审专家。"))
    user.is_reviewer = appointed
    audit.record("reviewer.appointed" if appointed else "reviewer.revoked", user, actor=organiser)
    if appointed:
        notify([user], "reviewer_appointed", _("您已被聘任为揭榜评审专家"), link=url_for("proposals.review_queue"))


def request_review(proposal: Proposal, reviewer: User, firm_user: User) -> Review:
    """Ask an appointed reviewer from outside both parties to score a proposal."""
    if not reviewer.is_reviewer or not reviewer.active:
        raise ProposalError(_("只能邀请组织方聘任的评审专家。"))
    if reviewer.organization_id in (proposal.organization_id, proposal.challenge.organization_id):
        raise ProposalError(_("评审专家不能来自揭榜团队或发布企业所在单位。"))
    if is_conflicted_reviewer(reviewer, proposal.challenge):
        raise ProposalError(_("该专家所在单位也对此需求提交了揭榜申请，存在利益冲突，不能担任评审。"))
    if _existing(proposal, reviewer) is not None:
        raise ProposalError(_("已邀请该专家评审此申请。"))
    start_review(proposal.challenge, firm_user)
    review = Review(proposal=proposal, reviewer=reviewer, requested_by_id=firm_user.id)
    db.session.add(review)
    db.session.flush()
    audit.record("review.requested", review, actor=firm_user, proposal_id=proposal.id)
    notify(
        [reviewer],
        "review_requested",
        _("评审邀请：《%(title)s》的揭榜申请", title=proposal.challenge.title),
        _("%(org)s 的方案等待您的评分和意见。", org=proposal.organization.name),
        url_for("proposals.review", review_id=review.id),
    )
    return review


def submit_review(review: Review, score: int, comment: str, reviewer: User) -> None:
    if review.status != ReviewStatus.REQUESTED:
        raise ProposalError(_("该评审已完成。"))
    review.score = score
    review.comment = comment.strip()
    review.status = ReviewStatus.DONE
    review.completed_at = datetime.now(UTC)
    audit.record("review.done", review, actor=reviewer, proposal_id=review.proposal_id, score=score)
    challenge = review.proposal.challenge
    notify_organization(
        challenge.organization_id,
        "review_done",
        _("专家已完成对 %(org)s 揭榜申请的评审", org=review.proposal.organization.name),
        _("评分：%(score)d", score=score),
        url_for("proposals.for_challenge", challenge_id=challenge.id),
    )


def _existing(proposal: Proposal, reviewer: User) -> Review | None:
    return db.session.scalar(
        sa.select(Review).where(Review.proposal_id == proposal.id, Review.reviewer_id == reviewer.id)
    )
