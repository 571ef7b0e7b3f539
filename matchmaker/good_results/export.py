"""The published good-results selection as .xlsx: Chinese and English side by side, grouped by
chain, with the evaluation, the 转化产品 and the funded project the catalogue lists."""

from __future__ import annotations

from flask import url_for

from matchmaker.models import GoodResultEntry, GoodResultList
from matchmaker.yearly_lists import export as shared
from matchmaker.yearly_lists.queries import ChainGroup

HEADINGS = [
    "序号 No.",
    "产业链 Chain",
    "Industrial chain",
    "成果名称",
    "Title",
    "完成单位 Organisation",
    "团队 Team",
    "成果简介",
    "Summary",
    "成果类别 Category",
    "技术成熟度 TRL",
    "知识产权状况 IP status",
    "评价意见 Evaluation",
    "转化产品 Product",
    "财政资助项目 Funded project",
    "项目编号 Project No.",
    "链接 Link",
]


def workbook(the_list: GoodResultList, groups: list[ChainGroup]) -> bytes:
    def row(number: int, group: ChainGroup, entry: GoodResultEntry) -> list:
        c = entry.capability
        return [
            number,
            group.chain.name,
            group.chain.name_en,
            c.title,
            entry.english_title,
            c.organization.name,
            c.team_name,
            c.description,
            entry.english_summary,
            entry.category.label if entry.category else "",
            entry.eval_trl or c.trl,
            entry.ip_status,
            entry.comment,
            c.product,
            c.funded_project,
            c.funded_project_no,
            url_for("capabilities.detail", capability_id=c.id, _external=True),
        ]

    return shared.workbook(the_list, groups, HEADINGS, row)
