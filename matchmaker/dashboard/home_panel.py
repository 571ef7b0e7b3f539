"""The organiser home page's summary of the dashboard: this year's results against the targets."""

from __future__ import annotations

from matchmaker.dashboard import events_chart, funnel, key_problems
from matchmaker.dashboard.blueprint import bp
from matchmaker.dashboard.filters import Filters
from matchmaker.dashboard.targets import for_year
from matchmaker.timezones import local_today


@bp.app_template_global("dashboard_summary")
def dashboard_summary() -> dict:
    filters = Filters(year=local_today().year)
    held, _planned = events_chart.by_month(filters)
    _list, entries = key_problems.entries_by_chain(filters)
    whole = funnel.total(funnel.by_chain(filters))
    return {
        "year": filters.year,
        "targets": for_year(filters.year),
        "events": sum(held.values()),
        "key_problems": sum(entries.values()),
        "meetings": whole.counts["meetings"],
        "agreements": whole.counts["agreements"],
        "amount": whole.amount,
    }
