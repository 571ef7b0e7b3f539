from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import PUBLIC, Role, allow, can_edit, can_publish, can_view, is_organiser, owns
from matchmaker.capabilities import operations, queries
from matchmaker.capabilities.forms import CapabilityForm
from matchmaker.challenges.posting import (
    CAPABILITY_CONFLICT_MESSAGE,
    EditConflict,
    editable_or_403,
    field_labels,
    history,
    prepared_form,
)
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.models import Capability, CapabilityStatus, CooperationMode
from matchmaker.models.enums import TRL_LABELS
from matchmaker.pagination import paginate

bp = Blueprint("capabilities", __name__, url_prefix="/capabilities")
SHOWN = {
    "trl": lambda v: TRL_LABELS.get(v, v),
    "cooperation_modes": lambda v: "、".join(str(CooperationMode(m).label) for m in v or []),
}


@bp.route("/")
@allow(PUBLIC)
def index():
    statuses = list(CapabilityStatus) if is_organiser(current_user) else [CapabilityStatus.PUBLISHED]
    filters = ListFilters.from_request(statuses=[s.value for s in statuses], sorts=queries.SORTS)
    page = paginate(queries.listed(filters))
    return render_template(
        "capabilities/index.html", page=page, filters=filters, statuses=statuses, trl_labels=TRL_LABELS
    )


@bp.route("/mine")
@allow(Role.TEAM)
def mine():
    filters = ListFilters.from_request(statuses=[s.value for s in CapabilityStatus])
    page = paginate(queries.of_organization(current_user.organization_id, filters.status))
    return render_template(
        "capabilities/mine.html",
        page=page,
        filters=filters,
        statuses=CapabilityStatus,
        can_publish=can_publish(current_user),
    )


@bp.route("/<int:capability_id>")
@allow(PUBLIC)
def detail(capability_id: int):
    capability = db.get_or_404(Capability, capability_id)
    if not can_view(current_user, capability):
        abort(404)
    known = {m.value for m in CooperationMode}
    modes = [CooperationMode(m).label for m in capability.cooperation_modes if m in known]
    curator = owns(current_user, capability) or is_organiser(current_user)
    return render_template(
        "capabilities/detail.html",
        capability=capability,
        trl_label=TRL_LABELS[capability.trl],
        modes=modes,
        editable=can_edit(current_user, capability),
        can_publish=can_publish(current_user),
        history=history(capability, operations.FIELDS, field_labels(CapabilityForm), SHOWN) if curator else [],
    )


@bp.route("/new", methods=["GET", "POST"])
@allow(Role.TEAM)
def new():
    form = _form(None)
    if form.validate_on_submit():
        capability = operations.create(form, current_user)
        _save_message(capability, publishing=form.strict)
        db.session.commit()
        return redirect(url_for(".detail", capability_id=capability.id))
    return _render_form(form, None)


@bp.route("/<int:capability_id>/edit", methods=["GET", "POST"])
@allow(Role.TEAM)
def edit(capability_id: int):
    capability = _editable(capability_id)
    form = _form(capability)
    if form.validate_on_submit():
        try:
            operations.update(capability, form, current_user)
        except EditConflict:
            db.session.rollback()
            form.form_errors.append(CAPABILITY_CONFLICT_MESSAGE)
            return _render_form(form, capability), 409
        _save_message(capability, publishing="publish" in request.form)
        db.session.commit()
        return redirect(url_for(".detail", capability_id=capability.id))
    return _render_form(form, capability)


@bp.route("/<int:capability_id>/publish", methods=["POST"])
@allow(Role.TEAM)
def publish(capability_id: int):
    return _act(capability_id, operations.publish, _("已发布。"))


@bp.route("/<int:capability_id>/withdraw", methods=["POST"])
@allow(Role.TEAM)
def withdraw(capability_id: int):
    return _act(capability_id, operations.withdraw, _("已撤回。撤回的成果不再公开展示，可改为草稿后重新发布。"))


@bp.route("/<int:capability_id>/to-draft", methods=["POST"])
@allow(Role.TEAM)
def to_draft(capability_id: int):
    return _act(capability_id, operations.to_draft, _("已改为草稿，修改后可重新发布。"))


def _editable(capability_id: int) -> Capability:
    return editable_or_403(Capability, capability_id)


def _form(capability: Capability | None) -> CapabilityForm:
    return prepared_form(CapabilityForm, capability, (CapabilityStatus.PUBLISHED,))


def _render_form(form: CapabilityForm, capability: Capability | None) -> str:
    return render_template(
        "capabilities/form.html", form=form, capability=capability, can_publish=can_publish(current_user)
    )


def _save_message(capability: Capability, publishing: bool) -> None:
    """Publish when asked (the draft is kept when publishing is refused) and say what happened."""
    if publishing and capability.status == CapabilityStatus.DRAFT:
        try:
            operations.publish(capability, current_user)
        except operations.PostingError as error:
            flash(_("已保存为草稿，但暂不能发布：%(why)s", why=error), "warning")
            return
        flash(_("已发布。平台将为您推荐合适的企业需求。"), "success")
    else:
        flash(_("已保存。"), "success")


def _act(capability_id: int, action, done: str):
    capability = _editable(capability_id)
    try:
        action(capability, current_user)
    except operations.PostingError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(done, "success")
    if request.form.get("back") == "mine":
        return redirect(url_for(".mine"))
    return redirect(url_for(".detail", capability_id=capability.id))
