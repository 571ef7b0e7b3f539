"""GET /api/v1/openapi.json: the OpenAPI 3.1 description of this API."""

from __future__ import annotations

from flask import jsonify

from matchmaker.api.openapi import document
from matchmaker.api.v1 import v1
from matchmaker.authz import PUBLIC, allow


@v1.get("/openapi.json")
@allow(PUBLIC)
def openapi():
    return jsonify(document())
