"""Batch import (upload → preview → confirm or cancel), templates to fill, and list exports."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from matchmaker.authz import PUBLIC, SIGNED_IN, Role, allow
from matchmaker.extensions import db
from matchmaker.imports import blank_forms, export, operations, queries, reader, xlsx
from matchmaker.imports.columns import COLUMNS, Kind
from matchmaker.imports.forms import CancelForm, ConfirmForm, UploadForm
from matchmaker.models import Chain, TaskRun

bp = Blueprint("imports", __name__, url_prefix="/imports")
POSTERS = (Role.FIRM, Role.TEAM)
MINE = {Kind.CHALLENGES: "challenges.mine", Kind.CAPABILITIES: "capabilities.mine"}
EXPORT_NAMES = {Kind.CHALLENGES: "技术需求", Kind.CAPABILITIES: "科研能力与成果"}


def _kind() -> Kind:
    return operations.KIND_OF_ROLE[current_user.role]


def _upload_page(form: UploadForm, error: str = "", status: int = 200):
    recent = db.session.scalars(
        sa.select(TaskRun)
        .where(TaskRun.kind == operations.PREVIEW_KIND, TaskRun.requested_by_id == current_user.id)
        .order_by(TaskRun.created_at.desc(), TaskRun.id.desc())
        .limit(10)
    )
    page = render_template(
        "imports/index.html",
        form=form,
        kind=_kind(),
        columns=COLUMNS[_kind()],
        error=error,
        recent=list(recent),
        max_rows=reader.MAX_ROWS,
    )
    return page, status


@bp.route("/", methods=["GET", "POST"])
@allow(*POSTERS)
def index():
    form = UploadForm()
    if not form.validate_on_submit():
        return _upload_page(form)
    upload = form.file.data
    try:
        run = operations.stage(current_user, _kind(), upload.filename or "", upload.read())
    except reader.UnreadableFile as error:
        db.session.rollback()
        return _upload_page(form, str(error), 400)
    db.session.commit()
    return redirect(url_for(".preview", run_id=run.id))


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge):
    if not current_user.is_authenticated or current_user.role not in POSTERS:
        return render_template("errors/error.html", code=413), 413
    return _upload_page(UploadForm(formdata=None), _("文件太大：上传的文件不能超过 5 MB，请拆分后分批导入。"), 413)


@bp.route("/<int:run_id>")
@allow(*POSTERS)
def preview(run_id: int):
    run = queries.preview_run_or_404(current_user, run_id)
    return render_template(
        "imports/preview.html",
        preview=queries.preview(run),
        confirm_form=ConfirmForm(),
        cancel_form=CancelForm(),
        mine_endpoint=MINE[Kind(run.result["kind"])],
    )


@bp.route("/<int:run_id>/confirm", methods=["POST"])
@allow(*POSTERS)
def confirm(run_id: int):
    run = queries.preview_run_or_404(current_user, run_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("页面已过期，请重新提交。"), "warning")
        return redirect(url_for(".preview", run_id=run.id))
    try:
        posts = operations.confirm(current_user, run, include_duplicates=form.include_duplicates.data)
    except operations.ImportRefused as error:
        db.session.rollback()
        flash(str(error), "warning")
        return redirect(url_for(".preview", run_id=run_id))
    db.session.commit()
    flash(_("已导入 %(n)d 条草稿。请检查后逐条发布。", n=len(posts)), "success")
    return redirect(url_for(MINE[Kind(run.result["kind"])]))


@bp.route("/<int:run_id>/cancel", methods=["POST"])
@allow(*POSTERS)
def cancel(run_id: int):
    run = queries.preview_run_or_404(current_user, run_id)
    if not CancelForm().validate_on_submit():
        return redirect(url_for(".preview", run_id=run.id))
    try:
        operations.cancel(current_user, run)
    except operations.ImportRefused as error:
        db.session.rollback()
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(_("已取消导入，没有写入任何数据。"), "info")
    return redirect(url_for(".index"))


@bp.route("/template/<any(challenges, capabilities):kind>.<any(xlsx, csv):fmt>")
@allow(SIGNED_IN)
def template(kind: str, fmt: str):
    chains = list(db.session.scalars(sa.select(Chain).where(Chain.active).order_by(Chain.sort_order)))
    name = blank_forms.SHEET_TITLES[Kind(kind)]
    if fmt == "csv":
        return xlsx.download(blank_forms.csv_template(Kind(kind), chains), f"{name}.csv", "text/csv; charset=utf-8")
    return xlsx.download(blank_forms.xlsx_template(Kind(kind), chains), f"{name}.xlsx")


@bp.route("/export/<any(challenges, capabilities):kind>.xlsx")
@allow(PUBLIC)
def export_list(kind: str):
    """The list page's filters apply: link here with the same query string."""
    return xlsx.download(export.export(Kind(kind)), xlsx.dated(EXPORT_NAMES[Kind(kind)]))
