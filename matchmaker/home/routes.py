from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from matchmaker.authz import PUBLIC, allow
from matchmaker.home import queries
from matchmaker.models import Role

bp = Blueprint("home", __name__)


@bp.route("/")
@allow(PUBLIC)
def index():
    if not current_user.is_authenticated:
        return render_template("home/public.html", overview=queries.public_overview())
    page = {Role.FIRM: "firm", Role.TEAM: "team"}.get(current_user.role, "organiser")
    return render_template(f"home/{page}.html", todo=queries.todo_for(current_user))
