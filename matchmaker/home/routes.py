from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import PUBLIC, allow
from matchmaker.extensions import db
from matchmaker.home import queries
from matchmaker.i18n import bilingual
from matchmaker.models import Role
from matchmaker.organizations import operations as organization_operations
from matchmaker.organizations.forms import CorrectionForm

bp = Blueprint("home", __name__)


@bp.route("/")
@allow(PUBLIC)
@bilingual(when=lambda: not current_user.is_authenticated)  # the visitors' page; dashboards are Chinese
def index():
    if not current_user.is_authenticated:
        return render_template("home/public.html", overview=queries.public_overview())
    page = {Role.FIRM: "firm", Role.TEAM: "team"}.get(current_user.role, "organiser")
    return render_template(
        f"home/{page}.html", todo=queries.todo_for(current_user), recommended=queries.recommended_for(current_user)
    )


@bp.route("/organization", methods=["GET", "POST"])
@allow(Role.FIRM, Role.TEAM)
def organization():
    """The applicant's view of its verification: the organisers' reason, and the correction form
    while the application is returned for correction."""
    org = current_user.organization
    form = CorrectionForm(data={"org_name": org.name, "credit_code": org.credit_code, "city": org.city})
    if org.returned_at is not None and form.validate_on_submit():
        try:
            values = (form.org_name.data, form.credit_code.data, form.city.data)
            organization_operations.resubmit(org, *values, current_user)
        except organization_operations.OrganizationError as error:
            form.org_name.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("已重新提交审核，组织方审核后会通知您。"), "success")
            return redirect(url_for(".organization"))
    return render_template("home/organization.html", org=org, form=form)


@bp.route("/favicon.ico")
@allow(PUBLIC)
def favicon():
    """Browsers ask for /favicon.ico whatever the page says; answer with the static icon (4 KB,
    sent from memory so no file handle is left open)."""
    icon = Path(current_app.static_folder or "", "favicon.ico").read_bytes()
    response = Response(icon, mimetype="image/vnd.microsoft.icon")
    response.cache_control.public, response.cache_control.max_age = True, 86400
    return response
