"""The challenge (技术需求) as a kind of post, for the code both kinds share (matchmaker/posts)."""

from __future__ import annotations

from matchmaker.challenges import operations, queries
from matchmaker.challenges.forms import ChallengeForm
from matchmaker.models import Challenge, ChallengeStatus
from matchmaker.posts.kind import PostKind

CHALLENGE = PostKind(
    model=Challenge, statuses=ChallengeStatus, form=ChallengeForm, operations=operations, listed=queries.LISTED
)
