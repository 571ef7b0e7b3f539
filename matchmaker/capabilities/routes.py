from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user

from matchmaker.authz import PUBLIC, Role, allow, can_view
from matchmaker.capabilities import queries
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.models import Capability
from matchmaker.models.enums import TRL_LABELS, CooperationMode
from matchmaker.pagination import paginate

bp = Blueprint("capabilities", __name__, url_prefix="/capabilities")


@bp.route("/")
@allow(PUBLIC)
def index():
    filters = ListFilters.from_request()
    page = paginate(queries.listed(filters.chain, filters.city))
    return render_template("capabilities/index.html", page=page, filters=filters)


@bp.route("/mine")
@allow(Role.TEAM)
def mine():
    page = paginate(queries.of_organization(current_user.organization_id))
    return render_template("capabilities/mine.html", page=page)


@bp.route("/<int:capability_id>")
@allow(PUBLIC)
def detail(capability_id: int):
    capability = db.get_or_404(Capability, capability_id)
    if not can_view(current_user, capability):
        abort(404)
    known = {m.value for m in CooperationMode}
    modes = [CooperationMode(m).label for m in capability.cooperation_modes if m in known]
    return render_template(
        "capabilities/detail.html", capability=capability, trl_label=TRL_LABELS[capability.trl], modes=modes
    )
