"""Who may see or act on proposals and when a challenge takes them. Pure reads, no writes."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from matchmaker.authz import is_acting_reviewer, is_organiser, owns
from matchmaker.extensions import db
from matchmaker.models import Challenge, ChallengeStatus, Proposal, ProposalStatus, Review, Role, User
from matchmaker.timezones import local_today

# A challenge takes and reviews proposals while published or in review.
OPEN_STATUSES = (ChallengeStatus.PUBLISHED, ChallengeStatus.IN_REVIEW)
# A proposal the team may still edit or withdraw (no decision yet).
UNDECIDED = (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED)


def deadline_passed(challenge: Challenge, today: date | None = None) -> bool:
    """The deadline day itself is still open."""
    return challenge.deadline is not None and challenge.deadline < (today or local_today())


def selection_started(challenge: Challenge) -> bool:
    return db.session.scalar(
        sa.select(sa.exists().where(Proposal.challenge_id == challenge.id, Proposal.status == ProposalStatus.SELECTED))
    )


def accepts_proposals(challenge: Challenge) -> bool:
    """Open, before the deadline, and no team chosen yet."""
    return challenge.status in OPEN_STATUSES and not deadline_passed(challenge) and not selection_started(challenge)


def manages(user: User, challenge: Challenge) -> bool:
    """The owning firm decides on the proposals of its challenge."""
    return owns(user, challenge) and user.role == Role.FIRM


def sees_all_proposals(user: User, challenge: Challenge) -> bool:
    return manages(user, challenge) or is_organiser(user)


def is_team_of(user: User, proposal: Proposal) -> bool:
    return user.is_authenticated and user.role == Role.TEAM and user.organization_id == proposal.organization_id


def reviews_it(user: User, proposal: Proposal) -> bool:
    """Asked to review it, and still an acting reviewer there (appointment and conflicts are
    checked at every access, so a revoked or conflicted reviewer loses it at once)."""
    return is_acting_reviewer(user, proposal.challenge) and db.session.scalar(
        sa.select(sa.exists().where(Review.proposal_id == proposal.id, Review.reviewer_id == user.id))
    )


def can_view_proposal(user: User, proposal: Proposal) -> bool:
    """The team, the firm that owns the challenge, organisers and assigned reviewers; nobody else."""
    return is_team_of(user, proposal) or sees_all_proposals(user, proposal.challenge) or reviews_it(user, proposal)
