"""The year's targets: events, key problems, agreements.

One figure per target everywhere: where the year has an event plan (or a key-problem list), its
own target is the figure, and saving this form changes it too, so the home panels and the plan
agree with the dashboard. Without one, the figure is kept per year in a Setting, else the plans'
default (events 6, key problems 100). The plans give no agreements figure: 0 means no target."""

from __future__ import annotations

from dataclasses import dataclass

from matchmaker import audit
from matchmaker.events import plans as event_plans
from matchmaker.extensions import db
from matchmaker.key_problems import queries as key_problem_queries
from matchmaker.models import Setting, User

PREFIX = "dashboard.targets."
NAMES = ("events", "key_problems", "agreements")


@dataclass
class Targets:
    events: int
    key_problems: int
    agreements: int = 0


def key(year: int) -> str:
    return f"{PREFIX}{year}"


def _stored(year: int) -> dict:
    setting = db.session.get(Setting, key(year))
    value = setting.value if setting is not None and isinstance(setting.value, dict) else {}
    return {n: v for n, v in value.items() if n in NAMES and type(v) is int and v >= 0}


def for_year(year: int) -> Targets:
    stored = _stored(year)
    plan, kp_list = event_plans.by_year(year), key_problem_queries.by_year(year)
    return Targets(
        events=plan.target if plan else stored.get("events", event_plans.default_target()),
        key_problems=kp_list.target if kp_list else stored.get("key_problems", key_problem_queries.default_target()),
        agreements=stored.get("agreements", 0),
    )


def save(year: int, events: int, key_problems: int, agreements: int, actor: User) -> Targets:
    before = for_year(year)
    setting = db.session.get(Setting, key(year)) or Setting(key=key(year))
    setting.value = {"events": events, "key_problems": key_problems, "agreements": agreements}
    db.session.add(setting)
    if (plan := event_plans.by_year(year)) is not None:
        plan.target = events
    if (kp_list := key_problem_queries.by_year(year)) is not None:
        kp_list.target = key_problems
    db.session.flush()
    audit.record("dashboard.targets", setting, actor, year=year, before=vars(before), after=setting.value)
    return for_year(year)
