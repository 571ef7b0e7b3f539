"""A published yearly list as .xlsx: a title row, the headings, then one row per entry in the
public order (by chain), numbered through."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from matchmaker.imports import xlsx
from matchmaker.yearly_lists.queries import ChainGroup


def workbook(the_list: Any, groups: list[ChainGroup], headings: list[str], row: Callable[..., list[Any]]) -> bytes:
    """`row(number, group, entry)` gives one entry's cells under `headings`."""
    book = xlsx.new_workbook()
    sheet = book.create_sheet(str(the_list.year))
    xlsx.set_widths(sheet, headings)
    xlsx.append(sheet, [the_list.title], bold=True)
    xlsx.append(sheet, headings, bold=True)
    number = 0
    for group in groups:
        for entry in group.entries:
            number += 1
            xlsx.append(sheet, row(number, group, entry))
    return xlsx.to_bytes(book)
