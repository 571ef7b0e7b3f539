"""Files rejected whole: unreadable, wrong headings, empty, too many rows, too large."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from matchmaker.imports import reader
from tests.imports.conftest import CHALLENGE_HEADINGS, challenge_row, challenges_of, csv_bytes, latest_run, upload


def _corrupt_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not really a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("需求.xlsx", b"this is not a spreadsheet", "无法读取该 Excel 文件"),
        ("需求.xlsx", _corrupt_xlsx(), "无法读取该 Excel 文件"),
        ("需求.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "不支持旧版 .xls"),
        ("需求.pdf", b"%PDF-1.7", "只支持 .xlsx 和 .csv"),
        ("需求.csv", b"", "文件是空的"),
        ("需求.csv", "名称,内容\n甲,乙\n".encode(), "没有找到表头"),
        ("需求.csv", csv_bytes(CHALLENGE_HEADINGS, []), "没有数据行"),
        ("需求.csv", b"\xff\xfe\x00\x00\x81\x30", "无法识别 CSV 文件的编码"),
    ],
)
def test_unreadable_file_is_rejected_whole_with_a_clear_message(client, login_as, firm, name, data, message):
    login_as(firm)
    response = upload(client, name, data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert latest_run(firm) is None
    assert challenges_of(firm.organization_id) == []


def test_no_file_chosen_is_asked_for(client, login_as, firm):
    login_as(firm)
    response = client.post("/imports/", data={}, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "请选择要上传的文件" in response.get_data(as_text=True)


def test_header_below_a_title_line_keeps_excel_line_numbers(client, login_as, firm):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["2026年技术需求征集表"])
    sheet.append([h + " " for h in CHALLENGE_HEADINGS] + ["备注"])  # stray spaces, an extra column
    sheet.append([])
    sheet.append([challenge_row(需求名称="").get(h, "") for h in CHALLENGE_HEADINGS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    login_as(firm)

    upload(client, "a.xlsx", buffer.getvalue())

    run = latest_run(firm)
    assert [r["line"] for r in run.result["rows"]] == [4]
    assert run.result["ignored_headings"] == ["备注"]


def test_row_limit(client, login_as, firm, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    login_as(firm)
    at_limit = [challenge_row(需求名称=f"需求{i}") for i in range(3)]
    assert upload(client, "ok.csv", csv_bytes(CHALLENGE_HEADINGS, at_limit)).status_code == 302

    response = upload(client, "big.csv", csv_bytes(CHALLENGE_HEADINGS, [*at_limit, challenge_row()]))

    assert response.status_code == 400
    assert "一次最多导入 3 行" in response.get_data(as_text=True)


def test_the_real_row_limit_is_one_thousand():
    lines = [CHALLENGE_HEADINGS] + [["x"] * len(CHALLENGE_HEADINGS)] * 1001
    from matchmaker.imports.columns import Kind

    with pytest.raises(reader.UnreadableFile):
        reader._table(Kind.CHALLENGES, iter(lines))
    assert len(reader._table(Kind.CHALLENGES, iter(lines[:1001])).rows) == 1000


def test_file_over_the_size_limit_gets_a_friendly_page(app, client, login_as, firm):
    login_as(firm)
    # A raw body (the test client would spool a multipart body to a temp file it never closes).
    too_big = b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1)

    response = client.post("/imports/", data=too_big, content_type="multipart/form-data; boundary=x")

    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "不能超过 5 MB" in page and "上传并预览" in page  # the upload form again, with the reason
    assert latest_run(firm) is None
