"""Outcomes of meetings, deals and their technology managers."""

from matchmaker.deals import deal_views, home_panels, manager_views, outcome_views  # noqa: F401
from matchmaker.deals.blueprint import bp

__all__ = ["bp"]
