"""Deals: the organisers' list and assignment, a manager's board, a firm's or team's own deals,
and one deal's page with its steps (stage, next action, notes) and history."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import SIGNED_IN, allow, is_organiser, require
from matchmaker.deals import managers, queries, steps
from matchmaker.deals.blueprint import ORGANISERS, PARTICIPANTS, bp
from matchmaker.deals.errors import DealError
from matchmaker.deals.forms import AssignForm, ButtonForm, NextActionForm, NoteForm, StageForm
from matchmaker.deals.loading import deal_or_404, may_work_on
from matchmaker.extensions import db
from matchmaker.form_choices import choices
from matchmaker.form_fields import parse_id
from matchmaker.models import Deal, DealStage, User
from matchmaker.pagination import paginate
from matchmaker.view_writes import attempt


def _number(name: str) -> int | None:
    """An id filter from the query string; "0" (nobody yet) is kept, anything else not an id is no filter."""
    raw = request.args.get(name, "").strip()
    return 0 if raw == "0" else parse_id(raw)


def _filter() -> queries.DealFilter:
    stage = request.args.get("stage", "")
    return queries.DealFilter(
        stage=DealStage(stage) if stage in {s.value for s in DealStage} else None,
        manager_id=_number("manager"),
        chain_id=_number("chain"),
        stale=request.args.get("stale") == "1",
    )


@bp.route("/")
@allow(*ORGANISERS)
def index():
    chosen = _filter()
    return render_template(
        "deals/index.html",
        page=paginate(queries.all_deals(chosen)),
        chosen=chosen,
        stages=list(DealStage),
        managers=queries.managers(),
        chains=queries.chains(),
        is_stale=queries.is_stale,
        button=ButtonForm(),
    )


@bp.route("/assign-by-chain", methods=["POST"])
@allow(*ORGANISERS)
def assign_by_chain():
    if ButtonForm().validate_on_submit():
        given, left = managers.assign_by_chain(current_user)
        db.session.commit()
        message = _("已按产业链分派 %(n)d 项跟进。", n=given)
        if left:
            message += _("另有 %(m)d 项所属产业链暂无技术经理人，请手动分派或先聘任。", m=left)
        flash(message, "success" if given else "info")
    return redirect(url_for(".index", manager=0))


@bp.route("/board")
@allow(SIGNED_IN)
def board():
    require(current_user.is_tech_manager and current_user.active)  # the board goes with the appointment
    return render_template(
        "deals/board.html",
        columns=queries.board(current_user),
        stages=list(DealStage),
        is_stale=queries.is_stale,
        chains=managers.chains_of(current_user),
    )


@bp.route("/mine")
@allow(*PARTICIPANTS)
def mine():
    return render_template("deals/mine.html", page=paginate(queries.of_organization(current_user.organization_id)))


def _detail(deal: Deal, status: int = 200, **forms):
    work = may_work_on(current_user, deal)
    stage_form = forms.get("stage_form") or StageForm(data={"stage": deal.stage.value})
    next_form = forms.get("next_form") or NextActionForm(
        data={"next_action": deal.next_action, "next_action_on": deal.next_action_on}
    )
    assign_form = AssignForm()
    assign_form.manager.choices = choices(
        [("", _("（暂不分派）"))]
        + [(m.id, f"{m.name}（{m.title}）") for m in queries.managers() if not managers.is_party(m, deal)]
    )
    assign_form.manager.data = str(deal.manager_id or "")
    return (
        render_template(
            "deals/detail.html",
            deal=deal,
            work=work,
            organiser=is_organiser(current_user),
            stale=queries.is_stale(deal),
            stage_form=stage_form,
            next_form=next_form,
            note_form=forms.get("note_form") or NoteForm(),
            assign_form=assign_form,
            history=queries.history(deal) if work else [],
            users=queries.users_by_id(queries.history_actors(deal)),
        ),
        status,
    )


@bp.route("/<int:deal_id>")
@allow(SIGNED_IN)
def detail(deal_id: int):
    return _detail(deal_or_404(deal_id))


@bp.route("/<int:deal_id>/stage", methods=["POST"])
@allow(SIGNED_IN)
def move(deal_id: int):
    deal = deal_or_404(deal_id, work=True)
    form = StageForm()
    if not form.validate_on_submit():
        return _detail(deal, 400, stage_form=form)
    stage = DealStage(form.stage.data)
    try:
        steps.move(deal, stage, current_user, form.reason.data or "", form.amount.data, form.signed_on.data)
    except DealError as error:
        db.session.rollback()
        form.stage.errors = [str(error)]
        return _detail(deal, 400, stage_form=form)
    db.session.commit()
    flash(_("已进入“%(s)s”阶段。", s=stage.label), "success")
    return redirect(url_for(".detail", deal_id=deal.id))


@bp.route("/<int:deal_id>/next", methods=["POST"])
@allow(SIGNED_IN)
def next_action(deal_id: int):
    deal = deal_or_404(deal_id, work=True)
    form = NextActionForm()
    if not form.validate_on_submit():
        return _detail(deal, 400, next_form=form)
    steps.plan_next(deal, form.next_action.data, form.next_action_on.data, current_user)
    db.session.commit()
    flash(_("已更新下一步安排。"), "success")
    return redirect(url_for(".detail", deal_id=deal.id))


@bp.route("/<int:deal_id>/notes", methods=["POST"])
@allow(SIGNED_IN)
def note(deal_id: int):
    deal = deal_or_404(deal_id, work=True)
    form = NoteForm()
    if not form.validate_on_submit():
        return _detail(deal, 400, note_form=form)
    steps.note(deal, form.body.data, current_user)
    db.session.commit()
    flash(_("已添加跟进记录。"), "success")
    return redirect(url_for(".detail", deal_id=deal.id))


@bp.route("/<int:deal_id>/assign", methods=["POST"])
@allow(*ORGANISERS)
def assign(deal_id: int):
    deal = deal_or_404(deal_id)
    if not ButtonForm().validate_on_submit():  # the choice is checked below, with a clear message
        abort(400)
    raw = request.form.get("manager", "")
    manager = None
    if raw:  # empty: take the deal back from its manager
        manager = db.session.get(User, parse_id(raw) or 0)
        if manager is None:
            flash(_("没有这位技术经理人。"), "warning")
            return redirect(url_for(".detail", deal_id=deal.id))
    attempt(
        lambda: managers.assign(deal, manager, current_user),
        DealError,
        _("已交给 %(n)s 跟进。", n=manager.name) if manager else _("已取消分派。"),
    )
    return redirect(url_for(".detail", deal_id=deal.id))
