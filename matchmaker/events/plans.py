"""年度对接活动计划: open a year, ask the planner for a proposal, turn it into draft events,
edit and publish. The planner itself is pure (planner.py); this module feeds it from the
database and stores what it proposes."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.events import demand, planner
from matchmaker.events.errors import EventError
from matchmaker.events.plan_input import PlanInputError
from matchmaker.extensions import db
from matchmaker.models import (
    Chain,
    Event,
    EventStatus,
    EventStyle,
    Organization,
    PlanStatus,
    Setting,
    User,
    YearPlan,
)
from matchmaker.models.base import utcnow

TARGET_SETTING = "events.yearly_target"
DEFAULT_TARGET = 6
DEFAULT_GAP_DAYS = 21
REGISTRATION_DAYS_BEFORE = 7


def default_target() -> int:
    value = db.session.scalar(sa.select(Setting.value).where(Setting.key == TARGET_SETTING))
    return value if isinstance(value, int) and value > 0 else DEFAULT_TARGET


def by_year(year: int) -> YearPlan | None:
    return db.session.scalar(sa.select(YearPlan).where(YearPlan.year == year))


def all_plans() -> list[YearPlan]:
    return list(db.session.scalars(sa.select(YearPlan).order_by(YearPlan.year.desc())))


def open_year(year: int, target: int, min_gap_days: int, blackouts: list, fixed_dates: list, actor: User) -> YearPlan:
    if by_year(year) is not None:
        raise EventError(_("%(year)d 年的计划已存在。", year=year))
    plan = YearPlan(year=year, target=target, min_gap_days=min_gap_days, blackouts=blackouts, fixed_dates=fixed_dates)
    db.session.add(plan)
    db.session.flush()
    audit.record("plan.open", plan, actor, year=year, target=target)
    return plan


def update_rules(plan: YearPlan, target: int, min_gap_days: int, blackouts: list, fixed_dates: list, actor: User):
    plan.target, plan.min_gap_days, plan.blackouts, plan.fixed_dates = target, min_gap_days, blackouts, fixed_dates
    audit.record("plan.rules", plan, actor, target=target, min_gap_days=min_gap_days)


def propose(plan: YearPlan, actor: User) -> list[Event]:
    """Replace the plan's draft events by a fresh proposal; events already public stay as they are
    and their dates count as fixed."""
    kept = [e for e in plan.events if e.status != EventStatus.DRAFT]
    fixed = sorted({*plan.fixed_dates, *(e.starts_on.isoformat() for e in kept)})
    data = demand.planner_input(plan.year, plan.target, plan.min_gap_days, plan.blackouts, fixed)
    try:
        result = planner.plan_from_dict(data)
    except PlanInputError as error:
        raise EventError(str(error)) from error
    for event in [e for e in plan.events if e.status == EventStatus.DRAFT]:
        db.session.delete(event)
    db.session.flush()
    taken = {e.starts_on for e in kept}
    chains = {c.code: c for c in db.session.scalars(sa.select(Chain))}
    made = []
    for index, proposed in enumerate(result["events"]):
        day = date.fromisoformat(proposed["date"])
        if day in taken:
            continue
        made.append(_draft_event(plan, day, [chains[c] for c in proposed["chains"] if c in chains], proposed, index))
    plan.warnings = list(result.get("warnings", []))
    db.session.flush()
    audit.record("plan.propose", plan, actor, events=len(made), warnings=len(plan.warnings))
    return made


def _draft_event(plan: YearPlan, day: date, chains: list[Chain], proposed: dict, index: int) -> Event:
    visits_university = proposed.get("format", "firm_visits_university") == "firm_visits_university"
    style = EventStyle.FIRM_VISITS_UNIVERSITY if visits_university else EventStyle.UNIVERSITY_VISITS_CLUSTER
    host = None
    if proposed.get("host_university"):
        host = db.session.scalar(sa.select(Organization).where(Organization.name == proposed["host_university"]))
    names = "、".join(c.name for c in chains)
    event = Event(
        plan=plan,
        title=_("%(year)d年%(chains)s产学研精准对接活动", year=plan.year, chains=names),
        starts_on=day,
        ends_on=day,
        city=proposed.get("host_city") or (host.city if host else ""),
        venue=host.name if host is not None and visits_university else "",
        host=host if visits_university else None,
        style=style,
        registration_deadline=day - timedelta(days=REGISTRATION_DAYS_BEFORE),
        planner_reason=proposed.get("why", ""),
        status=EventStatus.DRAFT,
        chains=chains,
    )
    db.session.add(event)
    return event


def publish(plan: YearPlan, actor: User) -> None:
    if not plan.events:
        raise EventError(_("计划中还没有活动：请先生成建议方案或添加活动。"))
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = utcnow()
    audit.record("plan.publish", plan, actor, events=len(plan.events))


def unpublish(plan: YearPlan, actor: User) -> None:
    plan.status = PlanStatus.DRAFT
    plan.published_at = None
    audit.record("plan.unpublish", plan, actor)


def progress(year: int) -> dict:
    """For the organiser's home: the plan against its target."""
    plan = by_year(year)
    if plan is None:
        return {"year": year, "plan": None, "target": default_target(), "planned": 0, "held": 0, "public": 0}
    statuses = [e.status for e in plan.events]
    return {
        "year": year,
        "plan": plan,
        "target": plan.target,
        "planned": sum(s != EventStatus.CANCELLED for s in statuses),
        "public": sum(s in (EventStatus.PUBLISHED, EventStatus.REGISTRATION_CLOSED) for s in statuses),
        "held": sum(s in (EventStatus.HELD, EventStatus.CLOSED) for s in statuses),
    }
