"""/api/v1/challenges: the 技术需求 list, detail, create and update, through the web's own form,
operations, lifecycle and list query."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from matchmaker.api import posts
from matchmaker.api.bearer import token_required, write_limit
from matchmaker.api.payload import query_args
from matchmaker.api.serialize import challenge_json
from matchmaker.api.v1 import v1
from matchmaker.authz import PUBLIC, Role, allow, can_view_confidential
from matchmaker.challenges import queries
from matchmaker.challenges.kind import CHALLENGE
from matchmaker.models import Challenge, ChallengeMode


@v1.get("/challenges")
@allow(PUBLIC)
def list_challenges():
    args = query_args("/challenges")
    filters = posts.list_filters(CHALLENGE, args, sorts=queries.SORTS, modes=[m.value for m in ChallengeMode])
    return posts.page_json(queries.listed(filters), args, challenge_json)


@v1.get("/challenges/<int:challenge_id>")
@allow(PUBLIC)
def get_challenge(challenge_id: int):
    challenge = posts.visible_or_404(Challenge, challenge_id)
    body = challenge_json(challenge, confidential=can_view_confidential(current_user, challenge))
    return posts.with_etag(jsonify(body), challenge)


@v1.post("/challenges")
@allow(PUBLIC)
@write_limit
@token_required(Role.FIRM)
def create_challenge():
    return posts.create(CHALLENGE, "ChallengeCreate", _owners_json, ".get_challenge")


@v1.patch("/challenges/<int:challenge_id>")
@allow(PUBLIC)
@write_limit
@token_required(Role.FIRM)
def update_challenge(challenge_id: int):
    return posts.update(CHALLENGE, challenge_id, "ChallengeUpdate", _owners_json)


def _owners_json(challenge: Challenge) -> dict:
    """The owning firm sees its confidential fields too."""
    return challenge_json(challenge, confidential=True)
