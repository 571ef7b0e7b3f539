"""Export a filtered challenge or capability list to .xlsx with the 征集表 headings, so an
exported file can be re-imported. Public fields only; a challenge's contact and confidential
detail appear only in rows the signed-in user may see them for (authz.can_view_confidential)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import can_view_confidential
from matchmaker.capabilities import queries as capability_queries
from matchmaker.capabilities.kind import CAPABILITY
from matchmaker.challenges import queries as challenge_queries
from matchmaker.challenges.kind import CHALLENGE
from matchmaker.extensions import db
from matchmaker.imports import xlsx
from matchmaker.imports.columns import CAPABILITY_COLUMNS, CHALLENGE_COLUMNS, Kind
from matchmaker.models import Capability, Challenge
from matchmaker.models.enums import CooperationMode
from matchmaker.timezones import local_dt

EXPORT_MAX = 5000
CONFIDENTIAL = ("contact_name", "contact_phone", "confidential_detail")
SHEET_NAMES = {Kind.CHALLENGES: "技术需求", Kind.CAPABILITIES: "科研能力与成果"}


def filtered_query(kind: Kind) -> sa.Select:
    """The list page's own query for the request's filters (?chain=&city=&q=&sort=…), read the
    way the list views read them: organisers may filter by any status, others by listed ones."""
    if kind == Kind.CHALLENGES:
        return challenge_queries.listed(challenge_queries.request_filters(CHALLENGE.statuses_for(current_user)))
    return capability_queries.listed(capability_queries.request_filters(CAPABILITY.statuses_for(current_user)))


def export(kind: Kind) -> bytes:
    posts = list(db.session.scalars(filtered_query(kind).limit(EXPORT_MAX)))
    if kind == Kind.CHALLENGES:
        return _workbook(kind, *_challenge_table(posts))
    return _workbook(kind, *_capability_table(posts))


def _workbook(kind: Kind, headings: list[str], rows: Iterable[list[Any]]) -> bytes:
    workbook = xlsx.new_workbook()
    sheet = workbook.create_sheet(SHEET_NAMES[kind])
    xlsx.set_widths(sheet, headings)
    xlsx.append(sheet, headings, bold=True)
    for row in rows:
        xlsx.append(sheet, row)
    return xlsx.to_bytes(workbook)


def _challenge_table(posts: list[Challenge]) -> tuple[list[str], Iterable[list[Any]]]:
    # Anonymous visitors get no confidential columns at all; signed-in users get them filled only
    # where they hold the right (their own firm's, organisers, granted teams).
    columns = [c for c in CHALLENGE_COLUMNS if current_user.is_authenticated or c.attr not in CONFIDENTIAL]
    cells: dict[str, Callable[[Challenge], Any]] = {
        "chains": _chain_names,
        "keywords": lambda p: "、".join(p.keywords),
        "budget_min": lambda p: _number(p.budget_min),
        "budget_max": lambda p: _number(p.budget_max),
        "solution_mode": lambda p: p.solution_mode.label,
        "mode": lambda p: p.mode.label,
        "deadline": lambda p: p.deadline.isoformat() if p.deadline else "",
    }

    def row(post: Challenge) -> list[Any]:
        allowed = can_view_confidential(current_user, post)
        values = []
        for column in columns:
            if column.attr in CONFIDENTIAL and not allowed:
                values.append("")
            else:
                values.append(cells.get(column.attr, lambda p, a=column.attr: getattr(p, a))(post))
        return [*values, *_common(post)]

    headings = [c.heading for c in columns] + _common_headings()
    return headings, (row(p) for p in posts)


def _capability_table(posts: list[Capability]) -> tuple[list[str], Iterable[list[Any]]]:
    known = {m.value: m.label for m in CooperationMode}
    cells: dict[str, Callable[[Capability], Any]] = {
        "chains": _chain_names,
        "keywords": lambda p: "、".join(p.keywords),
        "trl": lambda p: f"{p.trl}级",
        "cooperation_modes": lambda p: "、".join(str(known[m]) for m in p.cooperation_modes if m in known),
    }

    def row(post: Capability) -> list[Any]:
        values = [cells.get(c.attr, lambda p, a=c.attr: getattr(p, a))(post) for c in CAPABILITY_COLUMNS]
        return [*values, *_common(post)]

    return [c.heading for c in CAPABILITY_COLUMNS] + _common_headings(), (row(p) for p in posts)


def _common_headings() -> list[str]:
    return [_("发布单位"), _("所在城市"), _("状态"), _("发布时间")]


def _common(post: Challenge | Capability) -> list[Any]:
    published = local_dt(post.published_at, "%Y-%m-%d")
    return [post.organization.name, post.organization.city, post.status.label, published]


def _chain_names(post: Challenge | Capability) -> str:
    return "、".join(c.name for c in post.ordered_chains)  # the importer reads the first as the main chain


def _number(value: Any) -> float | str:
    return float(value) if value is not None else ""
