"""One rule for time: stored in UTC, shown in the platform's zone (BABEL_DEFAULT_TIMEZONE,
default Asia/Shanghai) in pages, exports, e-mails and .ics alike."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, has_app_context

DEFAULT_ZONE = "Asia/Shanghai"


def zone() -> ZoneInfo:
    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE", DEFAULT_ZONE) if has_app_context() else DEFAULT_ZONE
    return ZoneInfo(name)


def to_local(moment: datetime) -> datetime:
    """An aware datetime in the platform's zone; a naive one is taken as UTC (SQLite drops the zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone())


def local_today() -> date:
    return datetime.now(zone()).date()


def local_dt(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Template filter: `{{ row.created_at|local_dt }}`, `{{ d|local_dt('%Y-%m-%d') }}`."""
    if moment is None:
        return ""
    return to_local(moment).strftime(fmt)


def init_app(app: Flask) -> None:
    app.add_template_filter(local_dt, "local_dt")
