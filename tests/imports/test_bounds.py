"""An upload cannot make the importer read or keep much more than it is (issue 13 item 14)."""

from __future__ import annotations

import io
import json
import zipfile

from openpyxl import Workbook

from matchmaker.imports import bounds, reader
from matchmaker.imports.columns import CHALLENGE_COLUMNS, Kind, Parse
from matchmaker.models import TaskRun
from tests.imports.conftest import CHALLENGE_HEADINGS, challenge_row, latest_run, upload

LONG_HEADINGS = [c.heading for c in CHALLENGE_COLUMNS if c.parse == Parse.LONG]


def _xlsx(rows: list[dict[str, str]], far_cell: str | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(CHALLENGE_HEADINGS)
    for row in rows:
        sheet.append([row.get(h, "") for h in CHALLENGE_HEADINGS])
    if far_cell:
        sheet[far_cell] = "远处的一格"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _shared_strings_xlsx(rows: list[list[str]]) -> bytes:
    """An .xlsx as Excel writes it: every text cell points into one shared-strings table, so a
    long text used in every row is stored once (openpyxl writes each cell's text inline)."""
    from xml.sax.saxutils import escape

    strings: dict[str, int] = {}
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{chr(65 + c)}{r}" t="s"><v>{strings.setdefault(text, len(strings))}</v></c>'
            for c, text in enumerate(row)
            if text
        )
        xml_rows.append(f'<row r="{r}">{cells}</row>')
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{"".join(xml_rows)}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}" uniqueCount="{len(strings)}">{shared}</sst>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _preview_chars(run: TaskRun) -> int:
    return len(json.dumps(run.result, ensure_ascii=False))


def test_one_shared_long_string_in_every_row_is_stopped_by_the_text_limit(client, login_as, firm):
    long_text = "主轴热变形导致加工误差，" * 400  # 4,800 characters, stored once as a shared string
    rows = [challenge_row(需求名称=f"需求{n}", **dict.fromkeys(LONG_HEADINGS, long_text)) for n in range(1000)]
    data = _shared_strings_xlsx([CHALLENGE_HEADINGS] + [[row.get(h, "") for h in CHALLENGE_HEADINGS] for row in rows])
    assert len(data) < 100_000  # a small upload ...
    login_as(firm)
    response = upload(client, "shared.xlsx", data)
    assert response.status_code == 400  # ... that would have meant about 19 million characters of text
    assert "文件中的文字超过 200 万字" in response.get_data(as_text=True)
    assert latest_run(firm) is None


def test_rows_that_will_not_be_imported_are_kept_compactly(client, login_as, firm):
    text = "热误差补偿" * 300  # 1,500 characters per row, under the text limit in total
    rows = [challenge_row(需求名称=f"需求{n}", 主要问题=text, 所属产业链="不存在的链") for n in range(1000)]
    login_as(firm)
    assert upload(client, "invalid.xlsx", _xlsx(rows)).status_code == 302
    run = latest_run(firm)
    assert len(run.result["rows"]) == 1000 and all(r["errors"] for r in run.result["rows"])
    assert _preview_chars(run) < 300_000  # was about 1.6 million: every refused row kept its text


def test_a_cell_at_the_last_excel_row_is_not_reached(client, login_as, firm):
    data = _xlsx([challenge_row()], far_cell="A1048576")
    assert len(data) < 20_000
    assert sum(1 for _line in reader._xlsx_lines(data)) <= bounds.MAX_LINES + 1
    login_as(firm)
    assert upload(client, "far.xlsx", data).status_code == 302
    assert [r["line"] for r in latest_run(firm).result["rows"]] == [2]


def test_data_past_the_line_limit_is_refused():
    blank = [[None]] * (bounds.MAX_LINES - 2)
    lines = [CHALLENGE_HEADINGS, ["x"] * len(CHALLENGE_HEADINGS), *blank, ["第 MAX_LINES + 1 行的数据"]]
    try:
        reader._table(Kind.CHALLENGES, bounds.bounded(iter(lines)))
    except bounds.TooMuch as error:
        assert "一次最多导入" in str(error)
    else:
        raise AssertionError("a row past MAX_LINES was read")


def test_long_cells_are_clipped_but_still_reported_as_too_long(client, login_as, firm):
    login_as(firm)
    upload(client, "long.xlsx", _xlsx([challenge_row(主要问题="长" * 200_000)]))
    [row] = latest_run(firm).result["rows"]
    assert row["errors"] and "主要问题" in "".join(row["errors"])
    assert _preview_chars(latest_run(firm)) < 10_000


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, login_as, firm):
    buffer = io.BytesIO(_xlsx([challenge_row()]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (bounds.MAX_UNZIPPED_BYTES + 1))
    data = buffer.getvalue()
    assert len(data) < 1_000_000
    login_as(firm)
    response = upload(client, "bomb.xlsx", data)
    assert response.status_code == 400 and "解压后超过 50 MB" in response.get_data(as_text=True)
