"""Two-step import: `stage` reads and checks a file and keeps the result server-side (a TaskRun
row bound to the uploader); `confirm` creates every valid row as a draft in the caller's single
transaction; `cancel` drops the preview. Nothing the browser sends back is trusted as row data."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.extensions import db
from matchmaker.imports import reader
from matchmaker.imports.columns import Kind
from matchmaker.imports.form_check import FormCheck
from matchmaker.imports.rows import ChainLookup, CheckedRow, check_row
from matchmaker.matching.hooks import post_saved
from matchmaker.models import Capability, Chain, Challenge, Role, TaskRun, TaskStatus, User
from matchmaker.timezones import local_today

PREVIEW_KIND = "imports.preview"
# A preview nobody confirmed is dropped when the same user uploads again after this long.
STALE_AFTER = timedelta(days=1)
MODELS: dict[Kind, type[Challenge] | type[Capability]] = {Kind.CHALLENGES: Challenge, Kind.CAPABILITIES: Capability}
KIND_OF_ROLE = {Role.FIRM: Kind.CHALLENGES, Role.TEAM: Kind.CAPABILITIES}


class ImportRefused(Exception):
    """The import cannot go ahead; the message is shown to the user."""


def stage(user: User, kind: Kind, filename: str, data: bytes) -> TaskRun:
    """Read and check the file. Raises reader.UnreadableFile when the file is rejected whole."""
    sheet = reader.read(kind, filename, data)
    chains = ChainLookup(list(db.session.scalars(sa.select(Chain))))
    today = local_today()
    form_check = FormCheck(kind)
    checked = [check_row(kind, line, cells, chains, form_check, today) for line, cells in sheet.rows]
    _flag_duplicates(kind, user.organization_id, checked)
    _drop_stale_previews(user)
    run = TaskRun(
        kind=PREVIEW_KIND,
        status=TaskStatus.QUEUED,  # waiting for the user's decision
        progress=100,
        requested_by_id=user.id,
        result={
            "kind": kind.value,
            "organization_id": user.organization_id,
            "filename": filename[:200],
            "encoding": sheet.encoding,
            "ignored_headings": sheet.ignored_headings,
            "rows": [_stored(row, sheet_row) for row, (_line, sheet_row) in zip(checked, sheet.rows, strict=True)],
        },
    )
    db.session.add(run)
    db.session.flush()
    return run


def confirm(user: User, run: TaskRun, include_duplicates: bool = False) -> list[Challenge | Capability]:
    """Create the valid rows as drafts of the user's organisation, all in the caller's transaction."""
    if not _claim(run):
        raise ImportRefused(_("这份文件已经处理过了，请重新上传。"))
    kind = Kind(run.result["kind"])
    model = MODELS[kind]
    rows = [r for r in run.result["rows"] if _importable(r, include_duplicates)]
    existing = _existing_titles(model, user.organization_id)
    if not include_duplicates:
        rows = [r for r in rows if _title_key(r["values"]["title"]) not in existing]
    if not rows:
        raise ImportRefused(_("没有可以导入的有效行。"))
    chains = {c.id: c for c in db.session.scalars(sa.select(Chain).where(Chain.active))}
    posts = [_build(model, user, row, chains) for row in rows]
    db.session.add_all(posts)
    db.session.flush()
    for post, row in zip(posts, rows, strict=True):
        audit.record(f"{model.__name__.lower()}.imported", post, actor=user, line=row["line"], run_id=run.id)
        post_saved(post)
    run.status = TaskStatus.SUCCEEDED
    run.finished_at = datetime.now(UTC)
    run.message = _("已导入 %(n)d 条草稿", n=len(posts))
    run.result = {**run.result, "rows": [], "imported_ids": [p.id for p in posts]}
    audit.record(
        "import.confirmed", run, actor=user, kind=kind.value, count=len(posts), filename=run.result["filename"]
    )
    return posts


def cancel(user: User, run: TaskRun) -> None:
    if not _claim(run):
        raise ImportRefused(_("这份文件已经处理过了。"))
    run.status = TaskStatus.FAILED
    run.finished_at = datetime.now(UTC)
    run.message = _("已取消导入")
    run.result = {**run.result, "rows": []}
    audit.record("import.cancelled", run, actor=user, filename=run.result["filename"])


def _claim(run: TaskRun) -> bool:
    """Atomically move a waiting preview on, so a double click cannot import it twice."""
    claimed = db.session.execute(
        sa.update(TaskRun)
        .where(TaskRun.id == run.id, TaskRun.status == TaskStatus.QUEUED)
        .values(status=TaskStatus.RUNNING, started_at=datetime.now(UTC))
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    db.session.refresh(run)
    return True


def _build(model: type, user: User, row: dict[str, Any], chains: dict[int, Chain]) -> Challenge | Capability:
    values = dict(row["values"])
    chain_ids = values.pop("chains")
    if any(chain_id not in chains for chain_id in chain_ids):
        raise ImportRefused(_("第 %(line)d 行的产业链已停用，请重新上传。", line=row["line"]))
    for key in ("budget_min", "budget_max"):
        if key in values:
            values[key] = Decimal(values[key])
    if "deadline" in values:
        values["deadline"] = datetime.strptime(values["deadline"], "%Y-%m-%d").date()
    return model(
        organization_id=user.organization_id,
        created_by_id=user.id,
        primary_chain=chains[chain_ids[0]],
        chains=[chains[i] for i in chain_ids],
        **values,
    )


def _importable(row: dict[str, Any], include_duplicates: bool) -> bool:
    return not row["errors"] and not row["example"] and (include_duplicates or not row["duplicate_of"])


def _flag_duplicates(kind: Kind, org_id: int, rows: list[CheckedRow]) -> None:
    existing = _existing_titles(MODELS[kind], org_id)
    seen: dict[str, int] = {}
    for row in rows:
        if not row.valid:
            continue
        key = _title_key(row.values["title"])
        if key in existing:
            row.duplicate_of = _("本单位已有同名%(what)s", what=_("需求") if kind == Kind.CHALLENGES else _("成果"))
        elif key in seen:
            row.duplicate_of = _("与第 %(line)d 行重名", line=seen[key])
        else:
            seen[key] = row.line


def _existing_titles(model: type, org_id: int) -> set[str]:
    titles = db.session.scalars(sa.select(model.title).where(model.organization_id == org_id))
    return {_title_key(t) for t in titles}


def _title_key(title: str) -> str:
    return "".join(unicodedata.normalize("NFKC", title).split()).lower()


def _stored(row: CheckedRow, cells: dict[str, Any]) -> dict[str, Any]:
    """Compact: a row that will never be imported keeps only what the preview shows of it."""
    raw_title = cells.get("title")
    return {
        "line": row.line,
        "label": str(raw_title if raw_title is not None else "")[:80],
        "values": row.values if row.valid else {"chains": row.values.get("chains", [])},
        "errors": row.errors,
        "duplicate_of": row.duplicate_of,
        "example": row.example,
    }


def _drop_stale_previews(user: User) -> None:
    cutoff = datetime.now(UTC) - STALE_AFTER
    db.session.execute(
        sa.delete(TaskRun).where(
            TaskRun.kind == PREVIEW_KIND,
            TaskRun.requested_by_id == user.id,
            TaskRun.status == TaskStatus.QUEUED,
            TaskRun.created_at < cutoff,
        )
    )
