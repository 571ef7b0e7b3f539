from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.models import Agreement, Challenge, Organization, Proposal, ProposalStatus, Review, ReviewStatus, User
from matchmaker.proposals.reviews import SENIOR_TITLES


def of_team(org_id: int) -> sa.Select:
    return (
        sa.select(Proposal)
        .where(Proposal.organization_id == org_id)
        .options(selectinload(Proposal.challenge).selectinload(Challenge.organization))
        .order_by(Proposal.updated_at.desc(), Proposal.id.desc())
    )


def of_team_for(org_id: int, challenge_id: int) -> Proposal | None:
    return db.session.scalar(
        sa.select(Proposal).where(Proposal.organization_id == org_id, Proposal.challenge_id == challenge_id)
    )


def for_challenge(challenge_id: int) -> list[Proposal]:
    """Selected and shortlisted first, withdrawn last."""
    order = sa.case(
        {
            ProposalStatus.SELECTED: 0,
            ProposalStatus.SHORTLISTED: 1,
            ProposalStatus.SUBMITTED: 2,
            ProposalStatus.NOT_SELECTED: 3,
        },
        value=Proposal.status,
        else_=4,
    )
    return list(
        db.session.scalars(
            sa.select(Proposal)
            .where(Proposal.challenge_id == challenge_id)
            .options(selectinload(Proposal.organization), selectinload(Proposal.capability))
            .order_by(order, Proposal.created_at)
        )
    )


def count_for_challenge(challenge_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Proposal)
        .where(Proposal.challenge_id == challenge_id, Proposal.status != ProposalStatus.WITHDRAWN)
    )


def reviews_by_proposal(proposal_ids: list[int]) -> dict[int, list[Review]]:
    grouped: dict[int, list[Review]] = {pid: [] for pid in proposal_ids}
    rows = db.session.scalars(
        sa.select(Review)
        .where(Review.proposal_id.in_(proposal_ids))
        .options(selectinload(Review.reviewer))
        .order_by(Review.created_at)
    )
    for review in rows:
        grouped[review.proposal_id].append(review)
    return grouped


def agreements_for_challenge(challenge_id: int) -> list[Agreement]:
    return list(
        db.session.scalars(
            sa.select(Agreement)
            .where(Agreement.challenge_id == challenge_id)
            .options(selectinload(Agreement.organization))
            .order_by(Agreement.signed_on)
        )
    )


def agreements_by_proposal(proposal_ids: list[int]) -> dict[int, Agreement]:
    rows = db.session.scalars(sa.select(Agreement).where(Agreement.proposal_id.in_(proposal_ids)))
    return {a.proposal_id: a for a in rows}


def review_queue(reviewer_id: int) -> sa.Select:
    """Open reviews first, oldest request first among them."""
    return (
        sa.select(Review)
        .where(Review.reviewer_id == reviewer_id)
        .options(selectinload(Review.proposal).selectinload(Proposal.challenge))
        .order_by(Review.status != ReviewStatus.REQUESTED, Review.created_at)
    )


def has_assigned_reviews(user_id: int) -> bool:
    return db.session.scalar(sa.select(sa.exists().where(Review.reviewer_id == user_id)))


def appointed_reviewers() -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.is_reviewer, User.active).order_by(User.name)))


def reviewer_candidates(search: str) -> sa.Select:
    """Users with a qualifying title, and anyone already appointed (so they can be revoked)."""
    query = (
        sa.select(User)
        .join(User.organization)
        .where(sa.or_(User.title.in_(SENIOR_TITLES), User.is_reviewer))
        .options(selectinload(User.organization))
        .order_by(User.is_reviewer.desc(), User.name)
    )
    if search:
        pattern = f"%{search}%"
        query = query.where(
            sa.or_(User.name.ilike(pattern), User.email.ilike(pattern), Organization.name.ilike(pattern))
        )
    return query
