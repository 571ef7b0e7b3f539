"""Reads for the import pages: a preview belongs to the user who uploaded it, nobody else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import abort

from matchmaker.extensions import db
from matchmaker.imports.columns import Kind
from matchmaker.imports.operations import PREVIEW_KIND
from matchmaker.models import Chain, TaskRun, User


@dataclass
class Preview:
    run: TaskRun
    kind: Kind
    rows: list[dict[str, Any]]
    chain_names: dict[int, str]

    @property
    def valid(self) -> int:
        return sum(1 for r in self.rows if not r["errors"] and not r["example"] and not r["duplicate_of"])

    @property
    def duplicates(self) -> int:
        return sum(1 for r in self.rows if not r["errors"] and not r["example"] and r["duplicate_of"])

    @property
    def invalid(self) -> int:
        return sum(1 for r in self.rows if r["errors"])


def preview_run_or_404(user: User, run_id: int) -> TaskRun:
    run = db.session.get(TaskRun, run_id)
    if (
        run is None
        or run.kind != PREVIEW_KIND
        or run.requested_by_id != user.id
        or run.result.get("organization_id") != user.organization_id
    ):
        abort(404)
    return run


def preview(run: TaskRun) -> Preview:
    rows = run.result.get("rows", [])
    names = {chain_id: name for chain_id, name in db.session.execute(sa.select(Chain.id, Chain.name))}
    return Preview(run=run, kind=Kind(run.result["kind"]), rows=rows, chain_names=names)
