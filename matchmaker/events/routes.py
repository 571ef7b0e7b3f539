"""Matchmaking events: public pages, the year plan, events, invitations and registrations."""

from matchmaker.events import (  # noqa: F401  (register views)
    event_views,
    home_panels,
    participant_views,
    plan_views,
    public_views,
)
from matchmaker.events.blueprint import bp

__all__ = ["bp"]
