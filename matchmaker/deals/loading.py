"""Load what a deals view works on, or answer 404: a meeting the user may report on (with the
side they answer for), the user's place at an event, and a deal the user may see or work on."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from matchmaker.authz import is_organiser
from matchmaker.deals.outcomes import side_of
from matchmaker.extensions import db
from matchmaker.models import Deal, Meeting, OutcomeSide, User


def meeting_for(meeting_id: int) -> tuple[Meeting, OutcomeSide]:
    """A participant's own meeting (the published ones it was told of), or any for the organiser."""
    meeting = db.session.get(Meeting, meeting_id)
    side = side_of(meeting, current_user) if meeting is not None else None
    if side is None or (side != OutcomeSide.ORGANISER and meeting.published_slot is None):
        abort(404)
    return meeting, side


def may_work_on(user: User, deal: Deal) -> bool:
    """Organisers, and the manager it is assigned to while still appointed."""
    return is_organiser(user) or (user.is_tech_manager and user.active and deal.manager_id == user.id)


def may_see(user: User, deal: Deal) -> bool:
    """Those who work on it, and the members of the two organisations (read only)."""
    return may_work_on(user, deal) or user.organization_id in (deal.firm_org_id, deal.team_org_id)


def deal_or_404(deal_id: int, work: bool = False) -> Deal:
    """A deal the user may not see does not exist for them (404); one they may only read
    answers a write with 403."""
    deal = db.session.get(Deal, deal_id)
    if deal is None or not may_see(current_user, deal):
        abort(404)
    if work and not may_work_on(current_user, deal):
        abort(403)
    return deal
