"""One pagination helper for every list: page from ?page=, size from the config."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination

from matchmaker.extensions import db


def paginate(query: sa.Select, per_page: int | None = None) -> Pagination:
    return db.paginate(
        query,
        page=request.args.get("page", 1, type=int),
        per_page=per_page or current_app.config["PAGE_SIZE"],
        max_per_page=100,
        error_out=False,
    )
