"""Writing .xlsx safely: user text never becomes a formula (a title "=HYPERLINK(…)" stays text)
and control characters Excel refuses are dropped. Used by the exports and the yearly list."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from flask import Response, send_file
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from matchmaker.timezones import local_today

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Readable without resizing: long text columns are wide, and text wraps inside its cell.
WRAP = Alignment(wrap_text=True, vertical="top")
WIDE_WORDS = ("问题", "指标", "目标", "介绍", "说明", "摘要", "Summary", "资料", "方案", "路线", "领域")
MEDIUM_WORDS = ("名称", "Title", "单位", "Organisation", "链接", "Link")
WIDE, MEDIUM, NARROW, MAX_NARROW = 48, 30, 10, 24


def cell(sheet: WriteOnlyWorksheet, value: Any, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    made = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        made.data_type = "s"  # never a formula, whatever the text starts with
        made.alignment = WRAP
    if bold:
        made.font = Font(bold=True)
    return made


def set_widths(sheet: WriteOnlyWorksheet, headings: list[str]) -> None:
    """Column widths from the headings (call before the first row: write-only sheets need it)."""
    for index, heading in enumerate(headings, start=1):
        if any(word in heading for word in WIDE_WORDS):
            width = WIDE
        elif any(word in heading for word in MEDIUM_WORDS):
            width = MEDIUM
        else:  # a CJK character is about two widths of a Latin one
            width = min(max(NARROW, sum(2 if ord(c) > 0x2E80 else 1 for c in heading) + 4), MAX_NARROW)
        sheet.column_dimensions[get_column_letter(index)].width = width


def append(sheet: WriteOnlyWorksheet, values: Iterable[Any], bold: bool = False) -> None:
    sheet.append([cell(sheet, v, bold) for v in values])


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(data: bytes, name: str, mimetype: str = XLSX_MIMETYPE) -> Response:
    """Send a generated file; Flask encodes a Chinese file name as RFC 5987 filename*."""
    return send_file(
        io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=safe_filename(name), max_age=0
    )


def safe_filename(name: str) -> str:
    """File names come from user text (the yearly list's title): a CR/LF would break the header
    and a slash would name a folder, so control characters and path separators become "_"."""
    cleaned = "".join("_" if ord(c) < 0x20 or c in '\x7f/\\"' else c for c in name).strip(" ._")
    return cleaned[:150] or "download"


def dated(name: str, suffix: str = ".xlsx") -> str:
    return f"{name}_{local_today():%Y%m%d}{suffix}"
