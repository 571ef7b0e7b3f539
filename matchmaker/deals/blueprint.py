"""The deals blueprint; its views live in outcome_views, deal_views and manager_views."""

from flask import Blueprint

from matchmaker.authz import Role

bp = Blueprint("deals", __name__, url_prefix="/deals")
ORGANISERS = (Role.ORGANISER, Role.ADMIN)
PARTICIPANTS = (Role.FIRM, Role.TEAM)
