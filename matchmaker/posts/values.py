"""A post's column values as JSON data, the same for revision snapshots and for the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any


def json_value(value: Any) -> Any:
    """An enum as its value, an amount as a string (no float rounding), a date in ISO form."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
