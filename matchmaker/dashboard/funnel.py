"""The matchmaking funnel for a year: for the year, for each chain and for each event.

Stages (one definition, used by every table, chart, export and the public page):
1. 已发布需求 challenges: challenges first published in the year (China time) and still listed
   (published, in review, contracted or closed; not withdrawn). Chain: the challenge's main chain.
2. 推荐对接 pairs: the recommender's stored pairs (Match rows) of those challenges.
3. 洽谈 meetings: one-to-one meetings that took place (not cancelled, no no-show) at the year's
   held events (see scope.took_place). Chain: the event's first theme chain.
4. 合作意向 intents: those meetings at least one side (or the organiser) reported as intent to
   cooperate or agreement.
5. 签约 agreements: each agreement once (see dashboard/agreements.py), signed in the year, with
   its amount in 万元. Agreements from 揭榜 proposals count here without a meeting, so this stage
   may exceed the one before it.
The city filter takes the firm's city throughout. For one event, stages 1–2 are its pool: the
listed challenges of its confirmed firms and their pairs with its confirmed teams' capabilities;
stage 5 counts the agreements of deals opened at the event.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import aliased

from matchmaker.challenges.queries import LISTED
from matchmaker.dashboard import agreements as counted
from matchmaker.dashboard.filters import Filters
from matchmaker.dashboard.scope import events_of_year, published_challenges, took_place
from matchmaker.extensions import db
from matchmaker.models import (
    Capability,
    CapabilityStatus,
    Challenge,
    Event,
    EventParticipant,
    Match,
    Meeting,
    MeetingOutcome,
    MeetingStatus,
    Organization,
    OutcomeKind,
    ParticipantStatus,
    Side,
    event_chains,
)

STAGES = ("challenges", "pairs", "meetings", "intents", "agreements")
LABELS = {
    "challenges": _l("已发布需求"),
    "pairs": _l("推荐对接"),
    "meetings": _l("洽谈"),
    "intents": _l("合作意向"),
    "agreements": _l("签约"),
}
HOLDING = (ParticipantStatus.ACCEPTED, ParticipantStatus.APPROVED)
INTENT = (OutcomeKind.INTENT, OutcomeKind.AGREEMENT)
CENT = Decimal("0.01")


@dataclass
class Funnel:
    counts: Counter = field(default_factory=Counter)
    amount: Decimal = Decimal(0)  # 万元, of the agreements

    def row(self) -> list:
        return [self.counts[stage] for stage in STAGES] + [self.amount]


def _main_chains(event_ids: list[int]) -> dict[int, int]:
    """Each event's first theme chain (by position, then id)."""
    rows = db.session.execute(
        sa.select(event_chains.c.event_id, event_chains.c.chain_id)
        .where(event_chains.c.event_id.in_(event_ids))
        .order_by(event_chains.c.event_id, event_chains.c.position.desc(), event_chains.c.chain_id.desc())
    ).all()
    return dict(rows)  # the last row per event wins: the smallest position and id


def held_events(filters: Filters) -> list[Event]:
    query = sa.select(Event).where(events_of_year(filters.year), took_place()).order_by(Event.starts_on, Event.id)
    if filters.chain is not None:
        query = query.where(Event.chains.any(id=filters.chain.id))
    return list(db.session.scalars(query))


def _meetings_by_event(filters: Filters, intents_only: bool) -> Counter:
    firm_p, firm_org = aliased(EventParticipant), aliased(Organization)
    query = (
        sa.select(Meeting.event_id, sa.func.count(Meeting.id))
        .join(Event, Event.id == Meeting.event_id)
        .join(firm_p, firm_p.id == Meeting.firm_participant_id)
        .join(firm_org, firm_org.id == firm_p.organization_id)
        .where(events_of_year(filters.year), took_place(), Meeting.status == MeetingStatus.SCHEDULED)
        .group_by(Meeting.event_id)
    )
    if filters.city:
        query = query.where(firm_org.city == filters.city)
    if intents_only:
        said = sa.select(MeetingOutcome.id).where(
            MeetingOutcome.meeting_id == Meeting.id, MeetingOutcome.kind.in_(INTENT)
        )
        query = query.where(said.exists())
    return Counter(dict(db.session.execute(query).all()))


def _agreements(filters: Filters, by: str) -> tuple[Counter, dict]:
    """Counted agreements of the year grouped by "chain_id" or "event_id": (counts, amounts)."""
    rows = counted.rows()
    key = rows.c[by]
    query = (
        sa.select(key, sa.func.count(), sa.func.coalesce(sa.func.sum(rows.c.amount), 0))
        .where(rows.c.year == filters.year)
        .group_by(key)
    )
    if filters.chain is not None:
        query = query.where(rows.c.chain_id == filters.chain.id)
    if filters.city:
        query = query.where(rows.c.city == filters.city)
    result = db.session.execute(query).all()
    return Counter({k: n for k, n, _ in result}), {k: Decimal(str(a)).quantize(CENT) for k, _, a in result}


def by_chain(filters: Filters) -> dict[int | None, Funnel]:
    """Every stage per chain (None: meetings of an event without a theme, agreements without a chain)."""
    made: dict[int | None, Funnel] = {}

    def add(chain_id: int | None, stage: str, n: int) -> None:
        made.setdefault(chain_id, Funnel()).counts[stage] += n

    owner = aliased(Organization)
    challenge_ids = published_challenges(filters, owner).subquery()
    for chain_id, n in db.session.execute(
        sa.select(Challenge.primary_chain_id, sa.func.count())
        .where(Challenge.id.in_(sa.select(challenge_ids.c.id)))
        .group_by(Challenge.primary_chain_id)
    ):
        add(chain_id, "challenges", n)
    for chain_id, n in db.session.execute(
        sa.select(Challenge.primary_chain_id, sa.func.count(Match.id))
        .join(Match, Match.challenge_id == Challenge.id)
        .where(Challenge.id.in_(sa.select(challenge_ids.c.id)))
        .group_by(Challenge.primary_chain_id)
    ):
        add(chain_id, "pairs", n)
    for stage, intents_only in (("meetings", False), ("intents", True)):
        per_event = _meetings_by_event(filters, intents_only)
        main = _main_chains(list(per_event))
        for event_id, n in per_event.items():
            chain_id = main.get(event_id)
            if filters.chain is None or chain_id == filters.chain.id:
                add(chain_id, stage, n)
    counts, amounts = _agreements(filters, "chain_id")
    for chain_id, n in counts.items():
        add(chain_id, "agreements", n)
        made[chain_id].amount += amounts[chain_id]
    return made


def total(per_chain: dict[int | None, Funnel]) -> Funnel:
    made = Funnel()
    for funnel in per_chain.values():
        made.counts.update(funnel.counts)
        made.amount += funnel.amount
    return made


def by_event(filters: Filters) -> list[tuple[Event, Funnel]]:
    """The year's held events (with the chain filter: those with the chain among their themes)."""
    events = held_events(filters)
    if not events:
        return []
    ids = [e.id for e in events]
    firms, teams = aliased(EventParticipant), aliased(EventParticipant)
    firm_org = aliased(Organization)
    pool = (
        sa.select(firms.event_id, Challenge.id.label("challenge_id"))
        .join(Challenge, Challenge.organization_id == firms.organization_id)
        .join(firm_org, firm_org.id == firms.organization_id)
        .where(
            firms.event_id.in_(ids), firms.side == Side.FIRM, firms.status.in_(HOLDING), Challenge.status.in_(LISTED)
        )
    )
    if filters.city:
        pool = pool.where(firm_org.city == filters.city)
    pool = pool.subquery()
    challenges = Counter(
        dict(db.session.execute(sa.select(pool.c.event_id, sa.func.count()).group_by(pool.c.event_id)).all())
    )
    pairs = Counter(
        dict(
            db.session.execute(
                sa.select(pool.c.event_id, sa.func.count(Match.id))
                .join(Match, Match.challenge_id == pool.c.challenge_id)
                .join(Capability, Capability.id == Match.capability_id)
                .join(
                    teams,
                    sa.and_(
                        teams.event_id == pool.c.event_id,
                        teams.organization_id == Capability.organization_id,
                        teams.side == Side.TEAM,
                        teams.status.in_(HOLDING),
                    ),
                )
                .where(Capability.status == CapabilityStatus.PUBLISHED)
                .group_by(pool.c.event_id)
            ).all()
        )
    )
    meetings, intents = _meetings_by_event(filters, False), _meetings_by_event(filters, True)
    agreements, amounts = _agreements(filters, "event_id")
    made = []
    for event in events:
        funnel = Funnel()
        funnel.counts.update(
            challenges=challenges[event.id],
            pairs=pairs[event.id],
            meetings=meetings[event.id],
            intents=intents[event.id],
            agreements=agreements[event.id],
        )
        funnel.amount = amounts.get(event.id, Decimal(0))
        made.append((event, funnel))
    return made
