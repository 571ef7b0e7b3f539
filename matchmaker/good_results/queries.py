"""Reads of the good-results selection beyond the shared yearly-list reads: nominations waiting,
a reviewer's evaluations, a team's entries and what it may still nominate, the reviewers an
entry may go to, and the open challenges each result is recommended for."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.good_results.kind import GOOD_RESULTS
from matchmaker.matching.documents import eligible_where
from matchmaker.models import (
    Capability,
    CapabilityStatus,
    Challenge,
    GoodResultEntry,
    GoodResultList,
    Match,
    MatchFeedback,
    Organization,
    ResultEntryStatus,
    User,
)
from matchmaker.yearly_lists import queries as shared

RECOMMENDED_PER_RESULT = 3


def by_year(year: int) -> GoodResultList | None:
    return shared.by_year(GOOD_RESULTS, year)


def open_list() -> GoodResultList | None:
    """The newest selection not yet published: the one teams nominate into."""
    return db.session.scalar(
        sa.select(GoodResultList)
        .where(GoodResultList.published_at.is_(None))
        .order_by(GoodResultList.year.desc())
        .limit(1)
    )


def nominations(the_list: GoodResultList) -> list[GoodResultEntry]:
    return list(
        db.session.scalars(
            sa.select(GoodResultEntry)
            .where(GoodResultEntry.list_id == the_list.id, GoodResultEntry.status == ResultEntryStatus.NOMINATED)
            .options(selectinload(GoodResultEntry.capability).selectinload(Capability.organization))
            .order_by(GoodResultEntry.created_at, GoodResultEntry.id)
        )
    )


def evaluation_queue(reviewer_id: int) -> sa.Select:
    """The reviewer's evaluations: those still to write first, then the written ones, newest first."""
    return (
        sa.select(GoodResultEntry)
        .join(GoodResultEntry.list)
        .where(GoodResultEntry.reviewer_id == reviewer_id)
        .options(selectinload(GoodResultEntry.capability), selectinload(GoodResultEntry.list))
        .order_by(GoodResultEntry.reviewed_at.is_not(None), GoodResultList.year.desc(), GoodResultEntry.id)
    )


def entries_of_organization(org_id: int) -> list[GoodResultEntry]:
    return list(
        db.session.scalars(
            sa.select(GoodResultEntry)
            .join(GoodResultEntry.list)
            .join(GoodResultEntry.capability)
            .where(Capability.organization_id == org_id)
            .options(selectinload(GoodResultEntry.capability), selectinload(GoodResultEntry.list))
            .order_by(GoodResultList.year.desc(), GoodResultEntry.position)
        )
    )


def entries_of_capability(capability_id: int) -> list[GoodResultEntry]:
    return list(
        db.session.scalars(
            sa.select(GoodResultEntry)
            .join(GoodResultEntry.list)
            .where(GoodResultEntry.capability_id == capability_id)
            .order_by(GoodResultList.year.desc())
        )
    )


def nominable(org_id: int, the_list: GoodResultList) -> list[Capability]:
    """The organisation's published capabilities not yet in the list."""
    taken = sa.select(GoodResultEntry.capability_id).where(GoodResultEntry.list_id == the_list.id)
    return list(
        db.session.scalars(
            sa.select(Capability)
            .where(
                Capability.organization_id == org_id,
                Capability.status == CapabilityStatus.PUBLISHED,
                Capability.id.not_in(taken),
            )
            .order_by(Capability.published_at.desc(), Capability.id.desc())
            .limit(200)
        )
    )


def reviewers_for(entry: GoodResultEntry) -> list[User]:
    """Appointed, active reviewers from outside the result's own organisation."""
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.is_reviewer, User.active, User.organization_id != entry.capability.organization_id)
            .order_by(User.name)
        )
    )


def recommended_challenges(capability_ids: list[int]) -> dict[int, list[Challenge]]:
    """For each result, its best-scored open challenges, as the public may see them: the
    recommender's own eligibility (published, verified firm, not past the deadline), never a pair
    marked irrelevant, never the result's own organisation's. Templates show public
    fields only (title, English title, firm); confidential detail is not loaded for this."""
    if not capability_ids:
        return {}
    rows = db.session.execute(
        sa.select(Match.capability_id, Challenge)
        .join(Challenge, Challenge.id == Match.challenge_id)
        .join(Organization, Organization.id == Challenge.organization_id)
        .join(Capability, Capability.id == Match.capability_id)
        .where(
            Match.capability_id.in_(capability_ids),
            Challenge.organization_id != Capability.organization_id,
            sa.or_(Match.feedback.is_(None), Match.feedback != MatchFeedback.IRRELEVANT),
            *eligible_where("challenge"),
        )
        .options(selectinload(Challenge.organization))
        .order_by(Match.capability_id, Match.score.desc(), Match.id)
    ).all()
    found: dict[int, list[Challenge]] = defaultdict(list)
    for capability_id, challenge in rows:
        if len(found[capability_id]) < RECOMMENDED_PER_RESULT:
            found[capability_id].append(challenge)
    return found
