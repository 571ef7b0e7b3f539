"""Writing .xlsx safely: user text never becomes a formula (a title "=HYPERLINK(…)" stays text)
and control characters Excel refuses are dropped. Used by the exports and the yearly list."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from flask import Response, send_file
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(sheet: WriteOnlyWorksheet, value: Any, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    made = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        made.data_type = "s"  # never a formula, whatever the text starts with
    if bold:
        made.font = Font(bold=True)
    return made


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
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name, max_age=0)


def dated(name: str, suffix: str = ".xlsx") -> str:
    return f"{name}_{date.today():%Y%m%d}{suffix}"
