"""One-to-one meetings: requests between participants, the organiser's agenda, agendas, the day."""

from matchmaker.meetings import agenda_views, cli, day_views, organiser_views, participant_views  # noqa: F401
from matchmaker.meetings.blueprint import bp

__all__ = ["bp"]
