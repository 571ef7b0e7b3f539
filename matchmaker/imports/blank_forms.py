"""Downloadable import templates: .xlsx (header, an example row, drop-downs, and a sheet that
explains every column and lists the chains) and .csv (UTF-8 with BOM so Excel opens it right)."""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from matchmaker.imports.columns import COLUMNS, EXAMPLE_MARKER, Column, Kind, Parse, template_heading
from matchmaker.models import Chain
from matchmaker.models.enums import ChallengeMode, SolutionMode

SHEET_TITLES = {Kind.CHALLENGES: "技术需求征集表", Kind.CAPABILITIES: "科研能力与成果登记表"}
DROPDOWNS = {Parse.SOLUTION_MODE: SolutionMode, Parse.CHALLENGE_MODE: ChallengeMode}
DROPDOWN_ROWS = 1001  # header + the row limit
REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")


def example_row(kind: Kind, chains: list[Chain]) -> list[str]:
    values = []
    for column in COLUMNS[kind]:
        if column.attr == "title":
            values.append(EXAMPLE_MARKER + column.example)
        elif column.parse == Parse.CHAINS and chains:
            values.append(chains[0].name)
        else:
            values.append(column.example)
    return values


def xlsx_template(kind: Kind, chains: list[Chain]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLES[kind]
    sheet.append([template_heading(c) for c in COLUMNS[kind]])
    sheet.append(example_row(kind, chains))
    for index, column in enumerate(COLUMNS[kind], start=1):
        letter = get_column_letter(index)
        head = sheet[f"{letter}1"]
        head.font = Font(bold=True)
        if column.required:
            head.fill = REQUIRED_FILL
        sheet.column_dimensions[letter].width = 40 if column.parse == Parse.LONG else 18
        if column.parse in DROPDOWNS:
            _dropdown(sheet, letter, column, [m.label for m in DROPDOWNS[column.parse]])
    sheet.freeze_panes = "A2"
    _explain(workbook.create_sheet(_("填写说明")), kind, chains)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_template(kind: Kind, chains: list[Chain]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([template_heading(c) for c in COLUMNS[kind]])
    writer.writerow(example_row(kind, chains))
    return buffer.getvalue().encode("utf-8-sig")


def _dropdown(sheet, letter: str, column: Column, labels: list[str]) -> None:
    validation = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
    validation.error = _("请从下拉列表中选择")
    validation.prompt = column.help and str(column.help)
    validation.add(f"{letter}2:{letter}{DROPDOWN_ROWS}")
    sheet.add_data_validation(validation)


def _explain(sheet, kind: Kind, chains: list[Chain]) -> None:
    sheet.append([_("列名"), _("是否必填"), _("填写说明"), _("示例")])
    for column in COLUMNS[kind]:
        sheet.append([column.heading, _("必填") if column.required else _("选填"), str(column.help), column.example])
    sheet.append([])
    sheet.append(
        [
            _(
                "说明：第一行是表头，请勿修改；从第二行起每行一条。以“%(marker)s”开头的示例行导入时会跳过。",
                marker=EXAMPLE_MARKER,
            )
        ]
    )
    sheet.append([_("导入后均为草稿，请在“我的”页面检查并发布。每次最多 1000 行。")])
    sheet.append([])
    sheet.append([_("可填写的产业链（名称或代码均可）"), _("代码")])
    for chain in chains:
        sheet.append([chain.name, chain.code])
    for row in (1, len(COLUMNS[kind]) + 6):
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (26, 10, 60, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, max_row=len(COLUMNS[kind]) + 1):
        row[2].alignment = Alignment(wrap_text=True)
