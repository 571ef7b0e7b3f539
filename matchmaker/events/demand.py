"""What the database knows about demand and supply per chain: the year planner's input and the
host suggestions. Reads only; counts are done in SQL, one query per figure."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import (
    Capability,
    CapabilityStatus,
    Chain,
    Challenge,
    ChallengeStatus,
    Organization,
    OrgKind,
    Proposal,
    ProposalStatus,
)
from matchmaker.models.chain import capability_chains, challenge_chains

OPEN_CHALLENGE = (ChallengeStatus.PUBLISHED, ChallengeStatus.IN_REVIEW)


def open_challenges() -> sa.Select:
    """Published challenges that no team has been selected for yet (open demand)."""
    selected = sa.select(Proposal.id).where(
        Proposal.challenge_id == Challenge.id, Proposal.status == ProposalStatus.SELECTED
    )
    return sa.select(Challenge.id).where(Challenge.status.in_(OPEN_CHALLENGE), ~sa.exists(selected))


def active_chains() -> list[Chain]:
    return list(db.session.scalars(sa.select(Chain).where(Chain.active).order_by(Chain.sort_order)))


def open_demand_by_chain() -> Counter[int]:
    ids = open_challenges().subquery()
    rows = db.session.execute(
        sa.select(challenge_chains.c.chain_id, sa.func.count())
        .where(challenge_chains.c.challenge_id.in_(sa.select(ids.c.id)))
        .group_by(challenge_chains.c.chain_id)
    )
    return Counter(dict(rows.all()))


def capabilities_by_chain() -> Counter[int]:
    rows = db.session.execute(
        sa.select(capability_chains.c.chain_id, sa.func.count())
        .join(Capability, Capability.id == capability_chains.c.capability_id)
        .where(Capability.status == CapabilityStatus.PUBLISHED)
        .group_by(capability_chains.c.chain_id)
    )
    return Counter(dict(rows.all()))


def chain_overlap() -> dict[tuple[int, int], float]:
    """How much two chains' supply overlaps: published capabilities tagged with both, as a share of
    the smaller chain's capabilities (1.0 = one chain's teams all work on the other too)."""
    rows = db.session.execute(
        sa.select(capability_chains.c.capability_id, capability_chains.c.chain_id)
        .join(Capability, Capability.id == capability_chains.c.capability_id)
        .where(Capability.status == CapabilityStatus.PUBLISHED)
    )
    chains_of: dict[int, set[int]] = defaultdict(set)
    for capability_id, chain_id in rows:
        chains_of[capability_id].add(chain_id)
    size: Counter[int] = Counter()
    both: Counter[tuple[int, int]] = Counter()
    for chain_ids in chains_of.values():
        size.update(chain_ids)
        both.update(combinations(sorted(chain_ids), 2))
    return {pair: n / min(size[pair[0]], size[pair[1]]) for pair, n in both.items()}


def planner_input(year: int, target: int, min_gap_days: int, blackouts: list, fixed_dates: list) -> dict:
    """The planner's JSON contract, filled from the database."""
    chains = active_chains()
    demand, supply = open_demand_by_chain(), capabilities_by_chain()
    code = {c.id: c.code for c in chains}
    return {
        "year": year,
        "target": target,
        "min_gap_days": min_gap_days,
        "blackouts": blackouts,
        "fixed_dates": fixed_dates,
        "chains": [
            {"code": c.code, "name": c.name, "open_demand": demand[c.id], "capabilities": supply[c.id]} for c in chains
        ],
        "overlap": [
            [code[a], code[b], round(share, 3)]
            for (a, b), share in sorted(chain_overlap().items())
            if a in code and b in code and share > 0
        ],
        "hosts": {code[k]: rows for k, rows in _hosts_by_chain().items() if k in code},
        "clusters": {code[k]: rows for k, rows in _clusters_by_chain().items() if k in code},
    }


def _hosts_by_chain(per_chain: int = 5) -> dict[int, list]:
    """[city, university, published capabilities] per chain, strongest first."""
    count = sa.func.count(sa.distinct(Capability.id))
    rows = db.session.execute(
        sa.select(capability_chains.c.chain_id, Organization.city, Organization.name, count)
        .join(Capability, Capability.id == capability_chains.c.capability_id)
        .join(Organization, Organization.id == Capability.organization_id)
        .where(
            Capability.status == CapabilityStatus.PUBLISHED,
            Organization.kind.in_((OrgKind.UNIVERSITY, OrgKind.INSTITUTE)),
        )
        .group_by(capability_chains.c.chain_id, Organization.id, Organization.city, Organization.name)
        .order_by(count.desc(), Organization.name)
    )
    found: dict[int, list] = defaultdict(list)
    for chain_id, city, name, n in rows:
        if len(found[chain_id]) < per_chain:
            found[chain_id].append([city, name, n])
    return found


def _clusters_by_chain(per_chain: int = 5) -> dict[int, list]:
    """[city, open problems] per chain: where the firms with open demand are (for cluster visits)."""
    ids = open_challenges().subquery()
    count = sa.func.count(sa.distinct(Challenge.id))
    rows = db.session.execute(
        sa.select(challenge_chains.c.chain_id, Organization.city, count)
        .join(Challenge, Challenge.id == challenge_chains.c.challenge_id)
        .join(Organization, Organization.id == Challenge.organization_id)
        .where(Challenge.id.in_(sa.select(ids.c.id)))
        .group_by(challenge_chains.c.chain_id, Organization.city)
        .order_by(count.desc(), Organization.city)
    )
    found: dict[int, list] = defaultdict(list)
    for chain_id, city, n in rows:
        if len(found[chain_id]) < per_chain:
            found[chain_id].append([city, n])
    return found


@dataclass(frozen=True)
class HostSuggestion:
    organization: Organization
    capabilities: int

    @property
    def city(self) -> str:
        return self.organization.city


def host_suggestions(chain_ids: list[int], limit: int = 3) -> list[HostSuggestion]:
    """Universities and institutes with the most published capabilities in the theme."""
    if not chain_ids:
        return []
    count = sa.func.count(sa.distinct(Capability.id))
    rows = db.session.execute(
        sa.select(Organization, count)
        .join(Capability, Capability.organization_id == Organization.id)
        .join(capability_chains, capability_chains.c.capability_id == Capability.id)
        .where(
            capability_chains.c.chain_id.in_(chain_ids),
            Capability.status == CapabilityStatus.PUBLISHED,
            Organization.kind.in_((OrgKind.UNIVERSITY, OrgKind.INSTITUTE)),
        )
        .group_by(Organization.id)
        .order_by(count.desc(), Organization.name)
        .limit(limit)
    )
    return [HostSuggestion(org, n) for org, n in rows.all()]
