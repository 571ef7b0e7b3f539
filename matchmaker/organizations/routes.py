from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import allow
from matchmaker.extensions import db
from matchmaker.models import Organization, Role, User
from matchmaker.organizations import operations, queries
from matchmaker.organizations.forms import DeclineForm
from matchmaker.pagination import paginate

bp = Blueprint("organizations", __name__, url_prefix="/organiser")
ORGANISERS = (Role.ORGANISER, Role.ADMIN)


@bp.route("/verification")
@allow(*ORGANISERS)
def verification_queue():
    page = paginate(queries.pending_organizations())
    return render_template(
        "organizations/verification_queue.html",
        page=page,
        decline_form=DeclineForm(),
        returned=db.session.scalar(queries.returned_count()),
    )


@bp.route("/organizations/<int:org_id>/decline", methods=["POST"])
@allow(*ORGANISERS)
def decline(org_id: int):
    """Return for correction, or reject, with a reason the applicant sees."""
    org = db.get_or_404(Organization, org_id)
    form = DeclineForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "warning")
        return redirect(url_for(".verification_queue"))
    action = operations.return_for_correction if form.outcome.data == "return" else operations.reject
    try:
        action(org, form.reason.data, current_user)
    except operations.OrganizationError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        if form.outcome.data == "return":
            flash(_("已退回修改：%(name)s", name=org.name), "success")
        else:
            flash(_("已驳回：%(name)s", name=org.name), "success")
    return redirect(url_for(".verification_queue"))


@bp.route("/organizations/<int:org_id>/verify", methods=["POST"])
@allow(*ORGANISERS)
def verify(org_id: int):
    org = db.get_or_404(Organization, org_id)
    try:
        operations.verify(org, current_user)
    except operations.OrganizationError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(_("已通过审核：%(name)s", name=org.name), "success")
    return redirect(url_for(".verification_queue"))


@bp.route("/users")
@allow(*ORGANISERS)
def users():
    search = request.args.get("q", "").strip()[:60]
    page = paginate(queries.users(search))
    return render_template("organizations/users.html", page=page, search=search)


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@allow(*ORGANISERS)
def set_active(user_id: int):
    user = db.get_or_404(User, user_id)
    active = request.form.get("active") == "1"
    try:
        operations.set_active(user, active, current_user)
    except operations.OrganizationError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(
            _("已启用账号：%(email)s", email=user.email) if active else _("已停用账号：%(email)s", email=user.email),
            "success",
        )
    return redirect(url_for(".users", q=request.args.get("q", "")))


@bp.route("/users/<int:user_id>/sign-out", methods=["POST"])
@allow(*ORGANISERS)
def sign_out_user(user_id: int):
    user = db.get_or_404(User, user_id)
    try:
        operations.sign_out_user(user, current_user)
    except operations.OrganizationError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(_("已让该账号在所有设备上退出登录并撤销其 API 令牌：%(email)s", email=user.email), "success")
    return redirect(url_for(".users", q=request.args.get("q", "")))
