"""Storing posts' top lists as Match rows, many posts at a time, in a few bulk statements.

One row serves both directions; `for_challenge` / `for_capability` say whose top list holds it.
A side's pass sets or clears its own flag and drops a row only when it is untouched by people
(no feedback, still 'suggested', made by the recommender) and nobody needs it any more: neither
top list holds it, or the other post is no longer eligible. Rows people acted on always stay.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import Match, MatchSource, MatchStatus
from recommenders import Ranked

TERMS = 8  # explanation terms kept per pair
SCORE_TOLERANCE = 1e-6  # scores come rounded to 6 places; closer ones are "unchanged"
STATEMENT_IDS = 1000  # ids per IN (...) list

table = Match.__table__


@dataclass
class Row:
    id: int
    other_id: int
    score: float
    untouched: bool
    own: bool  # held by this side's top list
    other: bool  # held by the other side's top list


@dataclass
class Counts:
    ranked: int = 0  # pairs in the top lists
    inserted: int = 0
    updated: int = 0
    flagged: int = 0
    deleted: int = 0

    def add(self, other: Counts) -> None:
        for name in ("ranked", "inserted", "updated", "flagged", "deleted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class _Plan:
    inserts: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    flag_on: list[int] = field(default_factory=list)
    flag_off: list[int] = field(default_factory=list)
    deletes: list[int] = field(default_factory=list)


def _columns(side: str) -> tuple[sa.Column, sa.Column, str, str]:
    if side == "challenge":
        return table.c.challenge_id, table.c.capability_id, "for_challenge", "for_capability"
    return table.c.capability_id, table.c.challenge_id, "for_capability", "for_challenge"


def _untouched() -> sa.ColumnElement[bool]:
    return sa.and_(
        table.c.feedback.is_(None),
        table.c.status == MatchStatus.SUGGESTED.value,
        table.c.source == MatchSource.RECOMMENDER.value,
    )


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), STATEMENT_IDS):
        yield ids[start : start + STATEMENT_IDS]


def existing(side: str, post_ids: Iterable[int]) -> dict[int, dict[int, Row]]:
    """Stored rows of these posts of `side`: post id -> other post's id -> row."""
    own_col, other_col, own_flag, other_flag = _columns(side)
    found: dict[int, dict[int, Row]] = defaultdict(dict)
    ids = sorted(set(post_ids))
    for chunk in _chunks(ids):
        query = sa.select(
            table.c.id, own_col, other_col, table.c.score, _untouched(), table.c[own_flag], table.c[other_flag]
        ).where(own_col.in_(chunk))
        for row_id, post_id, other_id, score, untouched, own, other in db.session.execute(query):
            found[post_id][other_id] = Row(row_id, other_id, score, bool(untouched), bool(own), bool(other))
    return found


def needs_terms(ranked: list[Ranked], rows: Mapping[int, Row], fresh_other: bool) -> bool:
    """Whether storing `ranked` writes any explanation (a new pair, or a changed score)."""
    return any(_writes_score(rows.get(int(r.id)), r, fresh_other) for r in ranked)


def _writes_score(row: Row | None, result: Ranked, fresh_other: bool) -> bool:
    if row is None:
        return True
    if fresh_other and row.other:
        return False  # the other side's pass of this same run stored it just now
    return abs(row.score - result.score) > SCORE_TOLERANCE


def _plan(
    side: str,
    tops: Mapping[int, list[Ranked] | None],
    stored: Mapping[int, Mapping[int, Row]],
    other_eligible: frozenset[str],
    fresh_other: bool,
) -> _Plan:
    plan = _Plan()
    _, _, own_flag, other_flag = _columns(side)
    for post_id, ranked in tops.items():
        rows = stored.get(post_id, {})
        kept = set()
        for result in ranked or ():
            other_id = int(result.id)
            kept.add(other_id)
            row = rows.get(other_id)
            pair = (post_id, other_id) if side == "challenge" else (other_id, post_id)
            if row is None:
                plan.inserts.append(
                    {
                        "challenge_id": pair[0],
                        "capability_id": pair[1],
                        "score": result.score,
                        "terms": result.terms[:TERMS],
                        own_flag: True,
                        other_flag: False,
                    }
                )
            elif _writes_score(row, result, fresh_other):
                plan.updates.append({"row_id": row.id, "score": result.score, "terms": result.terms[:TERMS]})
            elif not row.own:
                plan.flag_on.append(row.id)
        for other_id, row in rows.items():
            if other_id in kept:
                continue
            nobody_needs = ranked is None or not row.other or str(other_id) not in other_eligible
            if row.untouched and nobody_needs:
                plan.deletes.append(row.id)
            elif row.own:
                plan.flag_off.append(row.id)
    return plan


def store(
    side: str,
    tops: Mapping[int, list[Ranked] | None],
    stored: Mapping[int, Mapping[int, Row]],
    other_eligible: frozenset[str],
    fresh_other: bool = False,
) -> Counts:
    """Write the top lists of these posts of `side` (None for a post not eligible: every untouched
    row of it goes, whoever held it).

    `fresh_other`: the other side's top lists were all stored earlier in the same run, so a row
    they hold already has this run's score and explanation.
    """
    plan = _plan(side, tops, stored, other_eligible, fresh_other)
    _, _, own_flag, _ = _columns(side)
    if plan.inserts:
        db.session.execute(sa.insert(table), plan.inserts)
    if plan.updates:
        db.session.execute(
            sa.update(table)
            .where(table.c.id == sa.bindparam("row_id"))
            .values(score=sa.bindparam("score"), terms=sa.bindparam("terms"), **{own_flag: True}),
            plan.updates,
        )
    for ids, value in ((plan.flag_on, True), (plan.flag_off, False)):
        for chunk in _chunks(ids):
            db.session.execute(sa.update(table).where(table.c.id.in_(chunk)).values({own_flag: value}))
    for chunk in _chunks(plan.deletes):
        # Checked again in SQL: someone may have given feedback since the rows were read.
        db.session.execute(sa.delete(table).where(table.c.id.in_(chunk), _untouched()))
    ranked = sum(len(r) for r in tops.values() if r)
    flagged = len(plan.flag_on) + len(plan.flag_off)
    return Counts(ranked, len(plan.inserts), len(plan.updates), flagged, len(plan.deletes))


def refresh(
    side: str,
    posts: Mapping[int, bool],
    rank: Callable[[int, bool], list[Ranked]],
    other_eligible: frozenset[str],
    fresh_other: bool = False,
) -> Counts:
    """Rank and store the top lists of `posts` (id -> eligible) of `side`.

    Ranks without explanations first and explains again only the posts whose store writes
    explanation terms (a post seen for the first time is explained at once)."""
    stored = existing(side, posts)
    tops: dict[int, list[Ranked] | None] = {}
    for post_id, is_eligible in posts.items():
        if not is_eligible:
            tops[post_id] = None
            continue
        rows = stored.get(post_id, {})
        ranked = rank(post_id, not rows)
        if rows and needs_terms(ranked, rows, fresh_other):
            ranked = rank(post_id, True)
        tops[post_id] = ranked
    return store(side, tops, stored, other_eligible, fresh_other)


def drop_ineligible(challenges: sa.Select, capabilities: sa.Select) -> int:
    """Delete untouched rows whose challenge or capability is no longer eligible (set-wise)."""
    result = db.session.execute(
        sa.delete(table).where(
            _untouched(),
            sa.or_(table.c.challenge_id.not_in(challenges), table.c.capability_id.not_in(capabilities)),
        )
    )
    return result.rowcount or 0
