"""The published yearly list as .xlsx: Chinese and English side by side, grouped by chain."""

from __future__ import annotations

from flask import url_for

from matchmaker.imports import xlsx
from matchmaker.key_problems.queries import ChainGroup
from matchmaker.models import KeyProblemList

HEADINGS = [
    "序号 No.",
    "产业链 Chain",
    "Industrial chain",
    "难题名称",
    "Title",
    "发布单位 Organisation",
    "主要问题",
    "技术关键与主要指标",
    "预期目标",
    "Summary",
    "关键字 Keywords",
    "需求时限 Deadline",
    "链接 Link",
]


def workbook(kp_list: KeyProblemList, groups: list[ChainGroup]) -> bytes:
    book = xlsx.new_workbook()
    sheet = book.create_sheet(str(kp_list.year))
    xlsx.set_widths(sheet, HEADINGS)
    xlsx.append(sheet, [kp_list.title], bold=True)
    xlsx.append(sheet, HEADINGS, bold=True)
    number = 0
    for group in groups:
        for entry in group.entries:
            number += 1
            c = entry.challenge
            xlsx.append(
                sheet,
                [
                    number,
                    group.chain.name,
                    group.chain.name_en,
                    c.title,
                    entry.title_en or c.title_en,
                    c.organization.name,
                    c.problem,
                    c.indicators,
                    c.goal,
                    entry.summary_en or c.summary_en,
                    "、".join(c.keywords),
                    c.deadline.isoformat() if c.deadline else "",
                    url_for("challenges.detail", challenge_id=c.id, _external=True),
                ],
            )
    return xlsx.to_bytes(book)
