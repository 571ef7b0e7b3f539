"""The one shape every chart, table and export shares: the table is the truth, the chart draws
from the same rows (sent as JSON), the .xlsx writes the same rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass
class Table:
    key: str  # URL-safe: the export's path and the chart element's id
    title: str
    columns: list[str]
    rows: list[list[Any]]
    chart: str = ""  # how dashboard.js draws it: bar, stacked, funnel, heatmap, events; "" = table only
    note: str = ""  # what the numbers count, shown under the table
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. a target line, the heatmap's axes

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "chart": self.chart,
            "columns": self.columns,
            "rows": [[plain(v) for v in row] for row in self.rows],
            "extra": self.extra,
        }


def plain(value: Any) -> Any:
    """JSON has no Decimal: amounts (万元) become floats for the chart; the table shows the Decimal."""
    return float(value) if isinstance(value, Decimal) else value
