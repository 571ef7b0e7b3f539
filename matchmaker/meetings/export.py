"""The organiser's grid as .xlsx: the whole grid (slot × table) and one sheet per table for
its host. Sheet names are the table names, made safe for Excel."""

from __future__ import annotations

import re

from matchmaker.imports import xlsx
from matchmaker.meetings import grid
from matchmaker.models import Event, Meeting

SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def pair(meeting: Meeting) -> str:
    return f"{meeting.firm.organization.name} × {meeting.team.organization.name}"


def workbook(event: Event, cells: dict[tuple[int, str | None], list[Meeting]], tables: list[str | None]) -> bytes:
    book = xlsx.new_workbook()
    sheet = book.create_sheet("洽谈总表")
    headings = ["场次", "时间", *(grid.table_label(t) for t in tables)]
    xlsx.set_widths(sheet, ["场次", "时间", *(["洽谈单位"] * len(tables))])
    xlsx.append(sheet, [event.title, grid.day(event).isoformat(), event.venue], bold=True)
    xlsx.append(sheet, headings, bold=True)
    for slot in grid.slots(event):
        if slot.is_break:
            xlsx.append(sheet, [slot.number + 1, slot.label, "休息"])
            continue
        xlsx.append(
            sheet,
            [
                slot.number + 1,
                slot.label,
                *("；".join(pair(m) for m in cells.get((slot.number, t), [])) for t in tables),
            ],
        )
    used: set[str] = set()
    for table in tables:
        name = SHEET_UNSAFE.sub("_", grid.table_label(table))[:28] or "桌"
        while name in used:
            name += "_"
        used.add(name)
        per_table = book.create_sheet(name)
        xlsx.set_widths(per_table, ["场次", "时间", "企业单位", "科研团队单位", "签到"])
        xlsx.append(per_table, [event.title, grid.table_label(table)], bold=True)
        xlsx.append(per_table, ["场次", "时间", "企业", "科研团队", "签到"], bold=True)
        for slot in grid.slots(event):
            for m in cells.get((slot.number, table), []):
                xlsx.append(
                    per_table, [slot.number + 1, slot.label, m.firm.organization.name, m.team.organization.name, ""]
                )
    return xlsx.to_bytes(book)
