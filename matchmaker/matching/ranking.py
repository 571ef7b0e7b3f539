"""Top lists of posts against the index, with the candidate sets computed once per pass.

The eligible posts of a side are read once into a frozenset the index caches its row mask for;
a post's own organisation is left out by asking for as many extra results as it has eligible
posts on the other side and dropping those (exact, and usually zero extra).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from matchmaker.extensions import db
from matchmaker.matching.documents import SIDES, eligible
from recommenders import MatchIndex, Ranked

TOP_K = 20  # stored per post; pages show the best 10 still eligible


@dataclass(frozen=True)
class Candidates:
    """Eligible posts of one side: ids as the index knows them, and their organisations."""

    ids: frozenset[str]
    org_of: dict[int, int] = field(repr=False)
    by_org: dict[int, frozenset[str]] = field(repr=False)


NONE = Candidates(frozenset(), {}, {})


def candidates(side: str) -> Candidates:
    model = SIDES[side]
    rows = db.session.execute(eligible(side).add_columns(model.organization_id)).all()
    by_org: dict[int, set[str]] = defaultdict(set)
    for post_id, org_id in rows:
        by_org[org_id].add(str(post_id))
    return Candidates(
        ids=frozenset(str(post_id) for post_id, _ in rows),
        org_of={post_id: org_id for post_id, org_id in rows},
        by_org={org: frozenset(ids) for org, ids in by_org.items()},
    )


def top_list(
    index: MatchIndex, side: str, post_id: int, org_id: int, other: Candidates, explain: bool = True
) -> list[Ranked]:
    """The best TOP_K eligible posts of the other side for one post, never its own organisation's."""
    key = str(post_id)
    if (side, key) not in index:
        return []
    own = other.by_org.get(org_id, frozenset())
    ranked = index.rank_for(side, key, k=TOP_K + len(own), candidates=other.ids, explain=explain)
    return [r for r in ranked if r.id not in own][:TOP_K]
