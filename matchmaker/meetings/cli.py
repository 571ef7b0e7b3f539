"""`flask meetings expire-requests`: run the requests' time-out now (beat runs it every 15
minutes), e.g. after the workers were down, or to see at once what a deadline did."""

from __future__ import annotations

import click

from matchmaker.meetings.blueprint import bp
from matchmaker.meetings.tasks import expire_requests


@bp.cli.command("expire-requests")
def expire_requests_command() -> None:
    """Remind the recipients of requests near their time-out and expire those past it."""
    done = expire_requests.apply().get() or {}
    click.echo(f"reminded {done.get('reminded', 0)}, expired {done.get('expired', 0)}")
