"""`flask recommender-report` (precision@k from firms' feedback) and `flask recommender-rebuild`."""

from __future__ import annotations

from collections import defaultdict

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from matchmaker.extensions import db
from matchmaker.matching import index_store, operations
from matchmaker.models import Match, MatchFeedback

RELEVANT = {MatchFeedback.RELEVANT, MatchFeedback.CONTACTED}


def precision_at(k: int) -> tuple[float | None, int, int]:
    """Mean over challenges of: relevant / judged among the top k stored matches by score
    (only judged matches count, so unjudged ones neither help nor hurt)."""
    by_challenge: dict[int, list[Match]] = defaultdict(list)
    for match in db.session.scalars(sa.select(Match).order_by(Match.challenge_id, Match.score.desc(), Match.id)):
        by_challenge[match.challenge_id].append(match)
    precisions, judged_total = [], 0
    for matches in by_challenge.values():
        judged = [m for m in matches[:k] if m.feedback is not None]
        if judged:
            precisions.append(sum(m.feedback in RELEVANT for m in judged) / len(judged))
            judged_total += len(judged)
    mean = sum(precisions) / len(precisions) if precisions else None
    return mean, len(precisions), judged_total


@click.command("recommender-report")
@click.option("--k", "ks", multiple=True, type=int, default=(5, 10), show_default=True)
@with_appcontext
def report_command(ks: tuple[int, ...]) -> None:
    """Precision@k of the recommendations, from the feedback firms gave (相关/已联系 vs 不相关)."""
    for k in ks:
        mean, challenges, judged = precision_at(k)
        shown = "—" if mean is None else f"{mean:.3f}"
        click.echo(f"precision@{k}: {shown}  ({challenges} challenges with feedback, {judged} judged matches)")


@click.command("recommender-rebuild")
@click.option("--if-needed", is_flag=True, help="Only when no index is stored or some post has no cached tokens.")
@with_appcontext
def rebuild_command(if_needed: bool) -> None:
    """Segment every post, rebuild and store the index, refresh all matches (what the nightly task does)."""
    if if_needed and not operations.rebuild_needed():
        click.echo("recommender index is up to date")
        return
    report = operations.rebuild(lambda percent, message: click.echo(f"{percent:3d}% {message}"))
    db.session.commit()
    index_store.reset()
    click.echo(f"index {report['version']}: {report['challenges']} challenges, {report['capabilities']} capabilities")
