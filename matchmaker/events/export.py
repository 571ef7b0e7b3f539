"""The participant list of an event as .xlsx, for the organiser's phone calls and name badges."""

from __future__ import annotations

from matchmaker.imports import xlsx
from matchmaker.models import Event, EventParticipant
from matchmaker.timezones import local_dt

HEADINGS = [
    "序号",
    "身份",
    "单位",
    "城市",
    "状态",
    "来源",
    "联系人",
    "电话/邮箱",
    "主题相关发布",
    "报名说明 / 答复原因",
    "邀请时间",
    "答复时间",
]


def workbook(event: Event, rows: list[tuple[EventParticipant, list[str]]]) -> bytes:
    book = xlsx.new_workbook()
    sheet = book.create_sheet("参会名单")
    xlsx.append(sheet, [event.title, event.starts_on.isoformat(), event.city], bold=True)
    xlsx.append(sheet, HEADINGS, bold=True)
    for number, (p, posts) in enumerate(rows, start=1):
        user = p.user
        xlsx.append(
            sheet,
            [
                number,
                p.side.label,
                p.organization.name,
                p.organization.city,
                p.status.label,
                p.source.label,
                user.name if user else "",
                user.email if user else "",
                "；".join(posts),
                p.message or p.reason,
                local_dt(p.invited_at),
                local_dt(p.responded_at),
            ],
        )
    return xlsx.to_bytes(book)
