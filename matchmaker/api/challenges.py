"""/api/v1/challenges: the 技术需求 list, detail, create and update, through the web's own form,
operations, lifecycle and list query."""

from __future__ import annotations

from flask import jsonify, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.api import posts
from matchmaker.api.bearer import token_required, write_limit
from matchmaker.api.errors import ApiError
from matchmaker.api.payload import json_body, query_args
from matchmaker.api.serialize import challenge_json
from matchmaker.api.v1 import v1
from matchmaker.authz import PUBLIC, Role, allow, can_view_confidential, is_organiser
from matchmaker.challenges import operations, queries
from matchmaker.challenges.forms import ChallengeForm
from matchmaker.challenges.lifecycle import TransitionError
from matchmaker.challenges.posting import EditConflict
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.models import Challenge, ChallengeMode, ChallengeStatus

STATUS_ACTIONS = {
    ChallengeStatus.PUBLISHED: operations.publish,
    ChallengeStatus.WITHDRAWN: operations.withdraw,
    ChallengeStatus.DRAFT: operations.to_draft,
}


@v1.get("/challenges")
@allow(PUBLIC)
def list_challenges():
    args = query_args("/challenges")
    statuses = [s.value for s in (ChallengeStatus if is_organiser(current_user) else queries.LISTED)]
    if args.get("status") and args["status"] not in statuses:
        raise ApiError(422, fields={"status": [_("只有组织方可以按该状态筛选。")]})
    filters = ListFilters.from_request(
        statuses=statuses, modes=[m.value for m in ChallengeMode], sorts=queries.SORTS, args=args
    )
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
    body = json_body("ChallengeCreate")
    publishing = body.pop("status", "draft") == ChallengeStatus.PUBLISHED
    if publishing:
        posts.check_can_publish()
    form = _form(body, None, strict=publishing)
    challenge = operations.create(form, current_user)
    if publishing:
        _move(challenge, ChallengeStatus.PUBLISHED)
    db.session.commit()
    response = jsonify(challenge_json(challenge, confidential=True))
    response.status_code = 201
    response.headers["Location"] = url_for(".get_challenge", challenge_id=challenge.id)
    return posts.with_etag(response, challenge)


@v1.patch("/challenges/<int:challenge_id>")
@allow(PUBLIC)
@write_limit
@token_required(Role.FIRM)
def update_challenge(challenge_id: int):
    challenge = posts.editable_or_403(Challenge, challenge_id)
    body = json_body("ChallengeUpdate")
    version = posts.submitted_version(body)
    body.pop("version", None)
    target = ChallengeStatus(body.pop("status")) if "status" in body else None
    if str(challenge.version) != version:
        raise posts.conflict(challenge)
    if target == ChallengeStatus.PUBLISHED:
        posts.check_can_publish()
    if body and challenge.status not in operations.EDITABLE:
        raise ApiError(409, _("“%(s)s”状态的需求不能再修改。", s=challenge.status.label), code="not_editable")
    if body or target == ChallengeStatus.PUBLISHED:  # publishing checks the whole 征集表, field by field
        publishing = target == ChallengeStatus.PUBLISHED or challenge.status in queries.LISTED
        values = posts.form_values(challenge, operations.FIELDS) | body | {"version": version}
        form = _form(values, challenge, strict=publishing)
    if body:
        try:
            operations.update(challenge, form, current_user)
        except EditConflict:
            db.session.rollback()
            raise posts.conflict(challenge) from None
    if target is not None and target != challenge.status:
        _move(challenge, target)
    db.session.commit()
    return posts.with_etag(jsonify(challenge_json(challenge, confidential=True)), challenge)


def _form(values: dict, challenge: Challenge | None, strict: bool) -> ChallengeForm:
    return posts.validated_form(ChallengeForm, values, challenge, strict)


def _move(challenge: Challenge, target: ChallengeStatus) -> None:
    posts.move(challenge, STATUS_ACTIONS[target], (operations.PostingError, TransitionError))
