"""One pagination helper for every list: page from ?page=, size from the config."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination, SelectPagination

from matchmaker.extensions import db

# Deeper than any list here goes (100 rows a page); a larger ?page= would overflow OFFSET.
MAX_PAGE = 10_000


def page_number() -> int:
    """?page= as a page number: missing, malformed or below 1 → 1; beyond MAX_PAGE → MAX_PAGE
    (past the end: the list shows its empty state, never an error)."""
    raw = request.args.get("page", "")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else 1
    return min(max(number, 1), MAX_PAGE)


class IdsFirstPagination(SelectPagination):
    """A page of one kind of row, with work proportional to the page, not the table: the sort,
    the filters, the OFFSET and the count read ids only (narrow index entries), then the page's
    rows are read by id with their loader options. Flask-SQLAlchemy's own reads whole rows for
    all three and counts over a subquery of every column."""

    def _ids(self) -> sa.Select:
        return self._query_args["select"].with_only_columns(self._query_args["key"])

    def _query_items(self) -> list:
        select, session, key = self._query_args["select"], self._query_args["session"], self._query_args["key"]
        ids = list(session.scalars(self._ids().limit(self.per_page).offset(self._query_offset)))
        if not ids:
            return []
        rows = {row.id: row for row in session.scalars(select.where(key.in_(ids)).order_by(None))}
        return [rows[i] for i in ids if i in rows]

    def _query_count(self) -> int:
        ids = self._ids().order_by(None).subquery()
        return self._query_args["session"].scalar(sa.select(sa.func.count()).select_from(ids)) or 0


def _id_column(query: sa.Select) -> sa.ColumnElement | None:
    """The primary key of the one ORM entity a plain select returns (None for anything else)."""
    described = query.column_descriptions
    entity = described[0].get("entity") if len(described) == 1 else None
    plain = not query._group_by_clauses and not query._distinct  # no public accessor for these
    if entity is None or described[0].get("expr") is not entity or not plain:
        return None
    key = sa.inspect(entity).primary_key
    return key[0] if len(key) == 1 and key[0].key == "id" else None


def paginate_select(query: sa.Select, page: int, per_page: int, max_per_page: int = 100) -> Pagination:
    """`db.paginate`, ids first when the select returns one kind of row (every list here)."""
    key = _id_column(query)
    if key is None:
        return db.paginate(query, page=page, per_page=per_page, max_per_page=max_per_page, error_out=False)
    return IdsFirstPagination(
        select=query,
        session=db.session(),
        key=key,
        page=page,
        per_page=per_page,
        max_per_page=max_per_page,
        error_out=False,
    )


def paginate(query: sa.Select, per_page: int | None = None) -> Pagination:
    return paginate_select(query, page_number(), per_page or current_app.config["PAGE_SIZE"])
