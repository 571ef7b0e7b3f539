"""The published yearly list as .xlsx: Chinese and English side by side, grouped by chain."""

from __future__ import annotations

from flask import url_for

from matchmaker.models import KeyProblemEntry, KeyProblemList
from matchmaker.yearly_lists import export as shared
from matchmaker.yearly_lists.queries import ChainGroup

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
    def row(number: int, group: ChainGroup, entry: KeyProblemEntry) -> list:
        c = entry.challenge
        return [
            number,
            group.chain.name,
            group.chain.name_en,
            c.title,
            entry.english_title,
            c.organization.name,
            c.problem,
            c.indicators,
            c.goal,
            entry.english_summary,
            "、".join(c.keywords),
            c.deadline.isoformat() if c.deadline else "",
            url_for("challenges.detail", challenge_id=c.id, _external=True),
        ]

    return shared.workbook(kp_list, groups, HEADINGS, row)
