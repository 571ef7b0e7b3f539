"""The recommender's word on a firm–team pair: the best Match between the two organisations'
published posts, its score and the terms that explain it. One query for many pairs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import Capability, Challenge, Match, MatchFeedback

TERMS_SHOWN = 6


@dataclass
class Fit:
    score: float = 0.0
    terms: list[str] = field(default_factory=list)
    challenge: str = ""
    capability: str = ""


def fits(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], Fit]:
    """{(firm organisation id, team organisation id): best Fit}; pairs without a match are absent."""
    wanted = set(pairs)
    if not wanted:
        return {}
    firms, teams = {f for f, _ in wanted}, {t for _, t in wanted}
    rows = db.session.execute(
        sa.select(
            Match.score,
            Match.terms,
            Challenge.organization_id,
            Challenge.title,
            Capability.organization_id,
            Capability.title,
        )
        .join(Challenge, Challenge.id == Match.challenge_id)
        .join(Capability, Capability.id == Match.capability_id)
        .where(Challenge.organization_id.in_(firms), Capability.organization_id.in_(teams))
        .where(sa.or_(Match.feedback.is_(None), Match.feedback != MatchFeedback.IRRELEVANT))
        .order_by(Match.score.desc(), Match.id)
    )
    best: dict[tuple[int, int], Fit] = {}
    for score, terms, firm_org, challenge, team_org, capability in rows:
        key = (firm_org, team_org)
        if key in wanted and key not in best:
            best[key] = Fit(float(score), list(terms or [])[:TERMS_SHOWN], challenge, capability)
    return best


def fit(firm_org: int, team_org: int) -> Fit:
    return fits([(firm_org, team_org)]).get((firm_org, team_org), Fit())
