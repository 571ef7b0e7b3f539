"""The organiser's dashboard (charts with their tables and .xlsx exports, the year's targets) and
the public page of the year's aggregate results."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import PUBLIC, Role, allow
from matchmaker.dashboard import export, filters, home_panel, panels, public, targets  # noqa: F401 (home_panel registers)
from matchmaker.dashboard.blueprint import bp
from matchmaker.dashboard.forms import TargetsForm
from matchmaker.extensions import db
from matchmaker.i18n import bilingual
from matchmaker.imports import xlsx
from matchmaker.models import Chain
from matchmaker.timezones import local_today

ORGANISERS = (Role.ORGANISER, Role.ADMIN)


@bp.route("/dashboard/")
@allow(*ORGANISERS)
def index():
    chosen = filters.parse(request.args)
    for problem in chosen.problems:
        flash(problem, "warning")
    tables = panels.build(chosen)
    return render_template(
        "dashboard/index.html",
        filters=chosen,
        t={table.key: table for table in tables},
        charts={table.key: table.as_json() for table in tables if table.chart},
        targets=targets.for_year(chosen.year),
        years=filters.years(),
        chains=db.session.scalars(sa.select(Chain).where(Chain.active).order_by(Chain.sort_order)).all(),
        cities=filters.CITIES,
    )


@bp.route("/dashboard/<key>.xlsx")
@allow(*ORGANISERS)
def download(key: str):
    build = panels.BY_KEY.get(key)
    if build is None:
        abort(404)
    chosen = filters.parse(request.args)
    table = build(chosen)
    return xlsx.download(export.workbook(table, chosen), xlsx.dated(f"{table.key}_{chosen.year}"))


@bp.route("/dashboard/targets", methods=["GET", "POST"])
@allow(*ORGANISERS)
def targets_form():
    chosen = filters.parse(request.args)
    current = targets.for_year(chosen.year)
    form = TargetsForm(data=vars(current))
    if form.validate_on_submit():
        targets.save(chosen.year, form.events.data, form.key_problems.data, form.agreements.data, current_user)
        db.session.commit()
        flash(_("%(year)d年目标已保存。", year=chosen.year), "success")
        return redirect(url_for(".index", year=chosen.year))
    for problem in chosen.problems:
        flash(problem, "warning")
    return render_template("dashboard/targets.html", form=form, year=chosen.year, years=filters.years())


# ---------------------------------------------------------------- public


@bp.route("/results/")
@allow(PUBLIC)
@bilingual
def results_latest():
    return _results_page(local_today().year)


@bp.route("/results/<int:year>")
@allow(PUBLIC)
@bilingual
def results(year: int):
    if year not in public.shown_years():
        abort(404)
    return _results_page(year)


def _results_page(year: int):
    return render_template("dashboard/results.html", results=public.results(year), years=public.shown_years())
