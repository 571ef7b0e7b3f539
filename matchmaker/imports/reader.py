"""Turn an uploaded .xlsx or .csv into rows keyed by model field, each with the line number the
user sees in Excel. A file that cannot be read as a whole raises UnreadableFile with a message
for the user; judging single rows is rows.py's job."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.imports import bounds
from matchmaker.imports.columns import COLUMNS, Kind, normalize_heading

MAX_ROWS = bounds.MAX_ROWS
MAX_COLUMNS = bounds.MAX_COLUMNS
# The header may sit below a title line ("技术需求征集表"); look for it in the first rows.
HEADER_SEARCH_ROWS = 5
# Strict decodes in this order: UTF-8 (with or without BOM), then GB18030, a superset of GBK
# and of what Chinese Excel writes as "CSV".
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls


class UnreadableFile(Exception):
    """The whole file is rejected; the message says why in words the user can act on."""


@dataclass
class Sheet:
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    ignored_headings: list[str] = field(default_factory=list)
    encoding: str = ""


def read(kind: Kind, filename: str, data: bytes) -> Sheet:
    if not data:
        raise UnreadableFile(_("文件是空的。"))
    name = filename.lower()
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise UnreadableFile(_("不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再上传。"))
    try:
        if data.startswith(ZIP_MAGIC) or name.endswith(".xlsx"):
            bounds.check_zip(data)
            sheet = _table(kind, bounds.bounded(_xlsx_lines(data)))
        elif name.endswith((".csv", ".txt")):
            encoding, text = _decode(data)
            sheet = _table(kind, bounds.bounded(_csv_lines(text)))
            sheet.encoding = encoding
        else:
            raise UnreadableFile(_("只支持 .xlsx 和 .csv 文件。"))
    except bounds.TooMuch as error:
        raise UnreadableFile(str(error)) from error
    if not sheet.rows:
        raise UnreadableFile(_("文件中没有数据行：请在表头下面逐行填写。"))
    return sheet


def _decode(data: bytes) -> tuple[str, str]:
    for encoding in CSV_ENCODINGS:
        try:
            return encoding, data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("无法识别 CSV 文件的编码，请以 UTF-8 或 GBK 编码保存后再上传。"))


def _csv_lines(text: str) -> Iterator[list[Any]]:
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as error:
        raise UnreadableFile(_("CSV 文件格式有误：%(error)s", error=str(error))) from error


def _xlsx_lines(data: bytes) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    # Any failure to open an untrusted workbook (not a zip, missing parts, bad XML) means the
    # file is unreadable; openpyxl's harmless style warnings must not abort the import either.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            worksheet = workbook.worksheets[0]
            # Streamed (read-only) and cut at MAX_LINES + 1: a lone cell at row 1,048,576 is never
            # reached, so the million empty rows before it are not made either.
            lines = worksheet.iter_rows(max_row=bounds.MAX_LINES + 1, max_col=MAX_COLUMNS, values_only=True)
            for line in lines:
                yield list(line)
            workbook.close()
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(_("无法读取该 Excel 文件，文件可能已损坏，请重新保存为 .xlsx 后上传。")) from error


def _table(kind: Kind, lines: Iterable[list[Any]]) -> Sheet:
    columns = {normalize_heading(c.heading): c for c in COLUMNS[kind]}
    required = [normalize_heading(c.heading) for c in COLUMNS[kind] if c.required]
    sheet = Sheet()
    header: list[str | None] | None = None
    for line_no, cells in enumerate(lines, start=1):
        if header is None:
            names = [normalize_heading(cell) for cell in cells]
            if all(heading in names for heading in required):
                header = [n if n in columns else None for n in names]
                sheet.ignored_headings = [n for n in names if n and n not in columns]
            elif _other_kinds_header(kind, names):
                raise UnreadableFile(str(WRONG_KIND[kind]))
            elif line_no >= HEADER_SEARCH_ROWS:
                break
            continue
        if all(_blank(cell) for cell in cells):
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise UnreadableFile(_("一次最多导入 %(n)d 行，请拆分文件后分批导入。", n=MAX_ROWS))
        row = {columns[h].attr: cell for h, cell in zip(header, cells, strict=False) if h is not None}
        sheet.rows.append((line_no, row))
    if header is None:
        raise UnreadableFile(
            _(
                "没有找到表头。第一行应是模板中的列名，至少包括：%(names)s。",
                names="、".join(c.heading for c in COLUMNS[kind] if c.required),
            )
        )
    return sheet


# A file of the other kind (a team's capabilities uploaded by a firm, or the reverse) is named as such.
WRONG_KIND = {
    Kind.CHALLENGES: _l(
        "这是“科研能力与成果”的导入文件。企业账号导入的是技术需求：请下载技术需求模板，按其列名填写后上传。"
    ),
    Kind.CAPABILITIES: _l(
        "这是“技术需求”的导入文件。科研团队账号导入的是科研能力与成果：请下载成果模板，按其列名填写后上传。"
    ),
}


def _other_kinds_header(kind: Kind, names: list[str]) -> bool:
    others = (other for other in Kind if other != kind)
    return any(all(normalize_heading(c.heading) in names for c in COLUMNS[other] if c.required) for other in others)


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
