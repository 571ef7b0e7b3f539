"""The meetings blueprint; its views live in participant_views, organiser_views, agenda_views, day_views."""

from flask import Blueprint

from matchmaker.authz import Role

bp = Blueprint("meetings", __name__, url_prefix="/events/<int:event_id>/meetings")
ORGANISERS = (Role.ORGANISER, Role.ADMIN)
PARTICIPANTS = (Role.FIRM, Role.TEAM)
