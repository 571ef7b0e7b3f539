"""The organiser's year plan: open a year, ask for a proposal, edit, publish."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import allow
from matchmaker.events import plans
from matchmaker.events.blueprint import ORGANISERS, bp
from matchmaker.events.errors import EventError
from matchmaker.events.forms import ButtonForm, PlanForm
from matchmaker.extensions import db
from matchmaker.models import YearPlan
from matchmaker.timezones import local_today
from matchmaker.view_writes import attempt


def _plan_or_404(year: int) -> YearPlan:
    plan = plans.by_year(year)
    if plan is None:
        abort(404)
    return plan


def _rules(form: PlanForm) -> tuple:
    return form.target.data, form.min_gap_days.data, form.blackouts.periods, form.fixed_dates.dates


@bp.route("/plans", methods=["GET", "POST"])
@allow(*ORGANISERS)
def plans_index():
    form = PlanForm()
    if request.method == "GET":
        taken = {p.year for p in plans.all_plans()}
        year = local_today().year
        form.year.data = year if year not in taken else max(taken) + 1
        form.target.data = plans.default_target()
        form.blackouts.data = f"{form.year.data}-07-20 至 {form.year.data}-08-20"
    elif form.validate_on_submit():
        try:
            plan = plans.open_year(form.year.data, *_rules(form), current_user)
            plans.propose(plan, current_user)
        except EventError as error:
            db.session.rollback()
            form.year.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("已生成 %(year)d 年活动计划建议，请检查后发布。", year=plan.year), "success")
            return redirect(url_for(".plan", year=plan.year))
    return render_template("events/plans.html", form=form, plans=plans.all_plans())


@bp.route("/plans/<int:year>", methods=["GET", "POST"])
@allow(*ORGANISERS)
def plan(year: int):
    plan = _plan_or_404(year)
    form = PlanForm(obj=plan)
    if request.method == "GET":
        form.blackouts.data = "\n".join(f"{a} 至 {b}" for a, b in plan.blackouts)
        form.fixed_dates.data = "\n".join(plan.fixed_dates)
    elif form.validate_on_submit():
        plans.update_rules(plan, *_rules(form), current_user)
        db.session.commit()
        flash(_("计划规则已保存。点击“重新生成建议”按新规则安排草稿活动。"), "success")
        return redirect(url_for(".plan", year=year))
    form.year.render_kw = {"readonly": True}
    return render_template("events/plan.html", plan=plan, form=form, progress=plans.progress(year), button=ButtonForm())


@bp.route("/plans/<int:year>/propose", methods=["POST"])
@allow(*ORGANISERS)
def propose(year: int):
    plan = _plan_or_404(year)
    if ButtonForm().validate_on_submit():
        attempt(
            lambda: plans.propose(plan, current_user),
            EventError,
            lambda made: _("已重新生成 %(n)d 场草稿活动；已发布的活动保持不变。", n=len(made)),
        )
    return redirect(url_for(".plan", year=year))


@bp.route("/plans/<int:year>/<any(publish, unpublish):action>", methods=["POST"])
@allow(*ORGANISERS)
def publish_plan(year: int, action: str):
    plan = _plan_or_404(year)
    if ButtonForm().validate_on_submit():
        attempt(
            lambda: (plans.publish if action == "publish" else plans.unpublish)(plan, current_user),
            EventError,
            _("计划已发布，公众可在“对接活动”页看到全年安排。") if action == "publish" else _("计划已撤回。"),
        )
    return redirect(url_for(".plan", year=year))
