"""Whom to invite, from what the product knows: firms with open demand in the event's theme, and
for their problems the teams the recommender matches best, with the terms that explain it.

Participants are organisations (as everywhere in the product: a university's teams act through
their university), so each university takes at most one place on the team side; its score is
the sum of its best match per invited problem, so a university that fits many problems ranks
above one that fits a single problem slightly better."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from matchmaker.events.demand import open_challenges
from matchmaker.extensions import db
from matchmaker.models import (
    Capability,
    CapabilityStatus,
    Challenge,
    Event,
    EventParticipant,
    Match,
    MatchFeedback,
    Organization,
    OrgKind,
)
from matchmaker.models.chain import challenge_chains

PAIRS_SHOWN = 3


@dataclass
class Pair:
    challenge: str
    capability: str
    score: float
    terms: list[str]


@dataclass
class FirmSuggestion:
    organization: Organization
    challenges: list[Challenge]

    @property
    def demand(self) -> int:
        return len(self.challenges)


@dataclass
class TeamSuggestion:
    organization: Organization
    score: float = 0.0
    problems: int = 0
    pairs: list[Pair] = field(default_factory=list)


@dataclass
class Suggestions:
    firms: list[FirmSuggestion]
    teams: list[TeamSuggestion]


def _taken(event: Event) -> set[int]:
    return set(
        db.session.scalars(sa.select(EventParticipant.organization_id).where(EventParticipant.event_id == event.id))
    )


def suggest(event: Event) -> Suggestions:
    """Up to the capacity of each side, best first; organisations already on the list are left out."""
    taken = _taken(event)
    firms = _firms(event, taken)[: event.capacity_firms]
    invited_problems = [c.id for f in firms for c in f.challenges]
    teams = _teams(invited_problems or _theme_challenge_ids(event), taken)[: event.capacity_teams]
    return Suggestions(firms, teams)


def _theme_challenge_ids(event: Event) -> list[int]:
    chain_ids = [c.id for c in event.chains]
    return list(
        db.session.scalars(
            sa.select(Challenge.id)
            .where(Challenge.id.in_(open_challenges()))
            .where(
                Challenge.id.in_(
                    sa.select(challenge_chains.c.challenge_id).where(challenge_chains.c.chain_id.in_(chain_ids))
                )
            )
        )
    )


def _firms(event: Event, taken: set[int]) -> list[FirmSuggestion]:
    ids = _theme_challenge_ids(event)
    if not ids:
        return []
    challenges = db.session.scalars(
        sa.select(Challenge)
        .join(Organization, Organization.id == Challenge.organization_id)
        .where(Challenge.id.in_(ids), Organization.verified_at.is_not(None), Organization.kind == OrgKind.FIRM)
        .order_by(Challenge.published_at.desc(), Challenge.id)
    )
    by_org: dict[int, FirmSuggestion] = {}
    for challenge in challenges:
        if challenge.organization_id in taken:
            continue
        by_org.setdefault(challenge.organization_id, FirmSuggestion(challenge.organization, [])).challenges.append(
            challenge
        )
    return sorted(by_org.values(), key=lambda f: (-f.demand, f.organization.name))


def _teams(challenge_ids: list[int], taken: set[int]) -> list[TeamSuggestion]:
    if not challenge_ids:
        return []
    rows = db.session.execute(
        sa.select(Match, Capability, Challenge)
        .join(Capability, Capability.id == Match.capability_id)
        .join(Challenge, Challenge.id == Match.challenge_id)
        .join(Organization, Organization.id == Capability.organization_id)
        .where(
            Match.challenge_id.in_(challenge_ids),
            Capability.status == CapabilityStatus.PUBLISHED,
            Organization.verified_at.is_not(None),
            sa.or_(Match.feedback.is_(None), Match.feedback != MatchFeedback.IRRELEVANT),
        )
        .order_by(Match.score.desc(), Match.id)
    )
    best: dict[tuple[int, int], float] = {}
    teams: dict[int, TeamSuggestion] = {}
    for match, capability, challenge in rows:
        org_id = capability.organization_id
        if org_id in taken:
            continue
        team = teams.setdefault(org_id, TeamSuggestion(capability.organization))
        if (org_id, challenge.id) not in best:  # only the best capability per problem counts
            best[(org_id, challenge.id)] = match.score
            team.score += match.score
            team.problems += 1
            if len(team.pairs) < PAIRS_SHOWN:
                team.pairs.append(Pair(challenge.title, capability.title, match.score, list(match.terms)[:6]))
    return sorted(teams.values(), key=lambda t: (-t.score, t.organization.name))


def as_record(suggestion: FirmSuggestion | TeamSuggestion) -> dict:
    """What is kept on the participant: why it was suggested, shown later on the participant list."""
    if isinstance(suggestion, FirmSuggestion):
        return {"demand": suggestion.demand, "challenges": [c.title for c in suggestion.challenges[:PAIRS_SHOWN]]}
    return {
        "score": round(suggestion.score, 3),
        "problems": suggestion.problems,
        "pairs": [
            {"challenge": p.challenge, "capability": p.capability, "score": round(p.score, 3), "terms": p.terms}
            for p in suggestion.pairs
        ],
    }


def by_org_ids(suggestions: Suggestions) -> dict[int, FirmSuggestion | TeamSuggestion]:
    return {s.organization.id: s for s in [*suggestions.firms, *suggestions.teams]}
