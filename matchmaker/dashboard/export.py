"""One dashboard table as .xlsx: the title and filters, then exactly the rows the page shows."""

from __future__ import annotations

from flask_babel import gettext as _

from matchmaker.dashboard.filters import Filters
from matchmaker.dashboard.tables import Table
from matchmaker.imports import xlsx


def describe(filters: Filters) -> str:
    parts = [_("%(year)d年", year=filters.year)]
    parts.append(filters.chain.name if filters.chain else _("全部产业链"))
    parts.append(filters.city or _("全部城市"))
    return " · ".join(parts)


def workbook(table: Table, filters: Filters) -> bytes:
    book = xlsx.new_workbook()
    sheet = book.create_sheet(table.key)
    xlsx.set_widths(sheet, table.columns)
    xlsx.append(sheet, [table.title], bold=True)
    xlsx.append(sheet, [describe(filters)])
    xlsx.append(sheet, table.columns, bold=True)
    for row in table.rows:
        xlsx.append(sheet, row)
    if table.note:
        xlsx.append(sheet, [table.note])
    return xlsx.to_bytes(book)


HEADER_ROWS = 3  # title, filters, headings: the table's rows start on row 4
