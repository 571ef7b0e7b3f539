"""What the posting features call when a post changes: the recommender catches up in the
background (tokens, index entry, stored Match rows)."""

from __future__ import annotations

from matchmaker.background.outbox import enqueue
from matchmaker.models import Capability, Challenge

REFRESH_TASK = "matchmaker.matching.tasks.refresh_post"


def side_of(post: Challenge | Capability) -> str:
    return "challenge" if isinstance(post, Challenge) else "capability"


def post_saved(post: Challenge | Capability) -> None:
    """Call in the same transaction as a create, edit, publish or withdraw of a post."""
    side = side_of(post)
    enqueue(REFRESH_TASK, dedupe_key=f"refresh:{side}:{post.id}", side=side, post_id=post.id)
