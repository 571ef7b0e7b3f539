"""What the home pages show of outcomes and deals: a firm's or team's meetings still to report
and its deals; a technology manager's board in numbers."""

from __future__ import annotations

from flask_login import current_user

from matchmaker.authz import is_organiser
from matchmaker.deals import queries
from matchmaker.deals.blueprint import bp
from matchmaker.extensions import db
from matchmaker.meetings import grid
from matchmaker.models import DealStage, OutcomeKind


@bp.app_template_global("my_deals_panel")
def my_deals_panel() -> dict:
    if not current_user.is_authenticated:
        return {"pending": [], "deals": [], "board": None, "organiser": None}
    deals = []
    if current_user.role.value in ("firm", "team"):
        deals = list(db.session.scalars(queries.of_organization(current_user.organization_id).limit(5)))
    board = None
    if current_user.is_tech_manager:
        columns = queries.board(current_user)
        board = {s: len(v) for s, v in columns.items()}
        board["stale"] = sum(1 for v in columns.values() for d in v if queries.is_stale(d))
    organiser = queries.overview() if is_organiser(current_user) else None
    return {"pending": queries.pending_for(current_user), "deals": deals, "board": board, "organiser": organiser}


@bp.app_template_global("meeting_time")
def meeting_time(meeting) -> str:
    """ "2027-03-16 13:30–13:50 · A1" (China time; the published place participants were told)."""
    event = meeting.event
    slot = meeting.published_slot if meeting.published_slot is not None else meeting.slot
    table = meeting.published_table if meeting.published_slot is not None else meeting.table
    slots = grid.slots(event)
    when = slots[slot].label if 0 <= slot < len(slots) else ""
    return " · ".join(x for x in (grid.day(event).isoformat() + (" " + when if when else ""), table or "") if x)


@bp.app_template_filter("outcome_label")
def outcome_label(value: str) -> str:
    return str(OutcomeKind(value).label)


@bp.app_template_filter("stage_label")
def stage_label(value: str | None) -> str:
    return str(DealStage(value).label) if value in {s.value for s in DealStage} else ""


STAGE_BADGES = {
    DealStage.CONTACT: "text-bg-info",
    DealStage.NEGOTIATING: "text-bg-primary",
    DealStage.IMPLEMENTING: "text-bg-success",
    DealStage.FAILED: "text-bg-secondary",
}
OUTCOME_BADGES = {
    OutcomeKind.NO_INTEREST: "text-bg-secondary",
    OutcomeKind.FOLLOW_UP: "text-bg-info",
    OutcomeKind.INTENT: "text-bg-primary",
    OutcomeKind.AGREEMENT: "text-bg-success",
}


@bp.app_template_filter("stage_badge")
def stage_badge(stage: DealStage) -> str:
    return STAGE_BADGES[stage]


@bp.app_template_filter("outcome_badge")
def outcome_badge(kind: OutcomeKind) -> str:
    return OUTCOME_BADGES[kind]
