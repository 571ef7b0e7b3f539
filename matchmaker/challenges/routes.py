from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user

from matchmaker.authz import PUBLIC, Role, allow, can_view, can_view_confidential
from matchmaker.challenges import queries
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.models import Challenge
from matchmaker.pagination import paginate

bp = Blueprint("challenges", __name__, url_prefix="/challenges")


@bp.route("/")
@allow(PUBLIC)
def index():
    filters = ListFilters.from_request()
    page = paginate(queries.listed(filters.chain, filters.city))
    return render_template("challenges/index.html", page=page, filters=filters)


@bp.route("/mine")
@allow(Role.FIRM)
def mine():
    page = paginate(queries.of_organization(current_user.organization_id))
    return render_template("challenges/mine.html", page=page)


@bp.route("/<int:challenge_id>")
@allow(PUBLIC)
def detail(challenge_id: int):
    challenge = db.get_or_404(Challenge, challenge_id)
    if not can_view(current_user, challenge):
        abort(404)  # a draft's existence is not disclosed
    return render_template(
        "challenges/detail.html",
        challenge=challenge,
        show_confidential=can_view_confidential(current_user, challenge),
    )
