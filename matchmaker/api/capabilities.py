"""/api/v1/capabilities: the 科研成果 list, detail, create and update, through the web's own form,
operations and list query."""

from __future__ import annotations

from flask import jsonify, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.api import posts
from matchmaker.api.bearer import token_required, write_limit
from matchmaker.api.errors import ApiError
from matchmaker.api.payload import json_body, query_args
from matchmaker.api.serialize import capability_json
from matchmaker.api.v1 import v1
from matchmaker.authz import PUBLIC, Role, allow, is_organiser
from matchmaker.capabilities import operations, queries
from matchmaker.capabilities.forms import CapabilityForm
from matchmaker.challenges.posting import EditConflict
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.models import Capability, CapabilityStatus

MULTI = ("cooperation_modes",)
STATUS_ACTIONS = {
    CapabilityStatus.PUBLISHED: operations.publish,
    CapabilityStatus.WITHDRAWN: operations.withdraw,
    CapabilityStatus.DRAFT: operations.to_draft,
}


@v1.get("/capabilities")
@allow(PUBLIC)
def list_capabilities():
    args = query_args("/capabilities")
    statuses = [s.value for s in CapabilityStatus] if is_organiser(current_user) else [CapabilityStatus.PUBLISHED]
    if args.get("status") and args["status"] not in statuses:
        raise ApiError(422, fields={"status": [_("只有组织方可以按该状态筛选。")]})
    filters = ListFilters.from_request(statuses=statuses, sorts=queries.SORTS, args=args)
    return posts.page_json(queries.listed(filters), args, capability_json)


@v1.get("/capabilities/<int:capability_id>")
@allow(PUBLIC)
def get_capability(capability_id: int):
    capability = posts.visible_or_404(Capability, capability_id)
    return posts.with_etag(jsonify(capability_json(capability)), capability)


@v1.post("/capabilities")
@allow(PUBLIC)
@write_limit
@token_required(Role.TEAM)
def create_capability():
    body = json_body("CapabilityCreate")
    publishing = body.pop("status", "draft") == CapabilityStatus.PUBLISHED
    if publishing:
        posts.check_can_publish()
    form = posts.validated_form(CapabilityForm, body, None, strict=publishing, multi=MULTI)
    capability = operations.create(form, current_user)
    if publishing:
        posts.move(capability, operations.publish, (operations.PostingError,))
    db.session.commit()
    response = jsonify(capability_json(capability))
    response.status_code = 201
    response.headers["Location"] = url_for(".get_capability", capability_id=capability.id)
    return posts.with_etag(response, capability)


@v1.patch("/capabilities/<int:capability_id>")
@allow(PUBLIC)
@write_limit
@token_required(Role.TEAM)
def update_capability(capability_id: int):
    capability = posts.editable_or_403(Capability, capability_id)
    body = json_body("CapabilityUpdate")
    version = posts.submitted_version(body)
    body.pop("version", None)
    target = CapabilityStatus(body.pop("status")) if "status" in body else None
    if str(capability.version) != version:
        raise posts.conflict(capability)
    if target == CapabilityStatus.PUBLISHED:
        posts.check_can_publish()
    if body or target == CapabilityStatus.PUBLISHED:  # publishing checks every field, one by one
        publishing = target == CapabilityStatus.PUBLISHED or capability.status == CapabilityStatus.PUBLISHED
        values = posts.form_values(capability, operations.FIELDS) | body | {"version": version}
        form = posts.validated_form(CapabilityForm, values, capability, strict=publishing, multi=MULTI)
    if body:
        try:
            operations.update(capability, form, current_user)
        except EditConflict:
            db.session.rollback()
            raise posts.conflict(capability) from None
    if target is not None and target != capability.status:
        posts.move(capability, STATUS_ACTIONS[target], (operations.PostingError,))
    db.session.commit()
    return posts.with_etag(jsonify(capability_json(capability)), capability)
