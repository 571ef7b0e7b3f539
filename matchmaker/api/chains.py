"""GET /api/v1/chains: the industrial chains, the codes the other endpoints filter and post by."""

from __future__ import annotations

import sqlalchemy as sa
from flask import jsonify

from matchmaker.api.serialize import chain_json
from matchmaker.api.v1 import v1
from matchmaker.authz import PUBLIC, allow
from matchmaker.extensions import db
from matchmaker.models import Chain


@v1.get("/chains")
@allow(PUBLIC)
def list_chains():
    rows = db.session.scalars(sa.select(Chain).order_by(Chain.sort_order, Chain.id))
    return jsonify(items=[chain_json(c) for c in rows])
