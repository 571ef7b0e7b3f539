"""Limits on what an upload may make the importer read and keep.

A small file can stand for a lot: an .xlsx whose cells all reuse one long shared string, a
cell at row 1,048,576, or a zip bomb. The reader stops at each limit with a message the user
can act on, so no upload costs more than a bounded amount of CPU, memory and preview storage.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from flask_babel import gettext as _

from matchmaker.imports.columns import COLUMNS

MAX_ROWS = 1000  # data rows in one import
# Lines read at most (header, a title line, blank rows between the data); nothing below is read.
MAX_LINES = MAX_ROWS + 200
MAX_COLUMNS = 60
# A cell is kept up to one character past the longest column, so rows.py still reports it as too long.
MAX_CELL_CHARS = max(c.max_len for columns in COLUMNS.values() for c in columns) + 1
MAX_TEXT_CHARS = 2_000_000  # all text cells together (an average of 2,000 characters a row)
# An .xlsx is a zip: what it unpacks to is bounded before openpyxl sees it.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024


class TooMuch(Exception):
    """The upload passes a limit; the message says which and what to do."""


def check_zip(data: bytes) -> None:
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # openpyxl reports a broken file in its own words
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        raise TooMuch(_("该 Excel 文件解压后超过 50 MB，不能导入。请删除无关的工作表、图片和格式后重新保存。"))


def bounded(lines: Iterable[list[Any]]) -> Iterator[list[Any]]:
    """The lines of a sheet, at most MAX_LINES of them, MAX_COLUMNS wide, long cells clipped,
    with TooMuch once the text read passes MAX_TEXT_CHARS or data lies past MAX_LINES."""
    total = 0
    for line_no, cells in enumerate(lines, start=1):
        if line_no > MAX_LINES:
            if any(not _blank(cell) for cell in cells):
                raise TooMuch(_("一次最多导入 %(n)d 行，请拆分文件后分批导入。", n=MAX_ROWS))
            return  # only blank (or formatted but empty) rows here: stop reading
        clipped = []
        for cell in cells[:MAX_COLUMNS]:
            if isinstance(cell, str):
                cell = cell[:MAX_CELL_CHARS]
                total += len(cell)
            clipped.append(cell)
        if total > MAX_TEXT_CHARS:
            raise TooMuch(_("文件中的文字超过 %(n)d 万字，请拆分文件后分批导入。", n=MAX_TEXT_CHARS // 10_000))
        yield clipped


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
