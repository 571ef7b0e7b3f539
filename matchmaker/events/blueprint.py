"""The events blueprint; its views live in public_views, plan_views, event_views, participant_views."""

from flask import Blueprint

from matchmaker.authz import Role

bp = Blueprint("events", __name__, url_prefix="/events")
ORGANISERS = (Role.ORGANISER, Role.ADMIN)
