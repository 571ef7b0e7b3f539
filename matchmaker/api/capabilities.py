"""/api/v1/capabilities: the 科研成果 list, detail, create and update, through the web's own form,
operations and list query."""

from __future__ import annotations

from flask import jsonify

from matchmaker.api import posts
from matchmaker.api.bearer import token_required, write_limit
from matchmaker.api.payload import query_args
from matchmaker.api.serialize import capability_json
from matchmaker.api.v1 import v1
from matchmaker.authz import PUBLIC, Role, allow
from matchmaker.capabilities import queries
from matchmaker.capabilities.kind import CAPABILITY
from matchmaker.models import Capability

MULTI = ("cooperation_modes",)  # form fields that take several values


@v1.get("/capabilities")
@allow(PUBLIC)
def list_capabilities():
    args = query_args("/capabilities")
    filters = posts.list_filters(CAPABILITY, args, sorts=queries.SORTS)
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
    return posts.create(CAPABILITY, "CapabilityCreate", capability_json, ".get_capability", multi=MULTI)


@v1.patch("/capabilities/<int:capability_id>")
@allow(PUBLIC)
@write_limit
@token_required(Role.TEAM)
def update_capability(capability_id: int):
    return posts.update(CAPABILITY, capability_id, "CapabilityUpdate", capability_json, multi=MULTI)
