"""GET /api/v1/openapi.json: the OpenAPI 3.1 description of this API."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from matchmaker.api.openapi import document
from matchmaker.api.v1 import v1
from matchmaker.authz import PUBLIC, allow, is_organiser


@v1.get("/openapi.json")
@allow(PUBLIC)
def openapi():
    # The token's user decides (bearer.py): organisers see the statuses only they may filter by.
    return jsonify(document(is_organiser(current_user)))
