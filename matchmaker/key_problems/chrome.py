"""Page chrome of the public yearly list in Chinese and English (?lang=en). The list faces the
world, so its English wording is kept here beside the Chinese until the project has an English
Babel catalogue; the Chinese side still goes through gettext."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

TEXT = {
    "heading": (_l("年度产业关键技术难题榜单"), "Key Technical Problems of Shandong's Industrial Chains"),
    "no": (_l("序号"), "No."),
    "title": (_l("难题名称"), "Problem"),
    "organization": (_l("发布单位"), "Posted by"),
    "summary": (_l("主要问题"), "Summary"),
    "deadline": (_l("需求时限"), "Deadline"),
    "chain": (_l("产业链"), "Industrial chain"),
    "download": (_l("下载 Excel"), "Download Excel"),
    "print": (_l("打印版"), "Printable version"),
    "other_years": (_l("往年榜单"), "Other years"),
    "count": (_l("共 %(n)d 项"), "Problems: %(n)d"),
    "published": (_l("发布日期"), "Published"),
    "empty": (_l("本年度榜单尚未发布，敬请关注。"), "The list has not been published yet."),
    "switch": ("English", "中文"),
    "details": (_l("查看详情"), "Details"),
    "print_hint": (
        _l("使用浏览器的打印功能（Ctrl+P）打印或另存为 PDF。"),
        "Use your browser's print (Ctrl+P) to print or save as PDF.",
    ),
    "contact": (
        _l("有意解决这些难题的高校、院所和企业，请注册后在平台上揭榜。"),
        "Universities, institutes and companies able to solve these problems are welcome to register and apply.",
    ),
}


def is_english() -> bool:
    return str(get_locale()) == "en"


def translator() -> Callable[..., str]:
    """t("heading") in the page's language; t("count", n=3) fills placeholders."""
    english = is_english()

    def t(key: str, **values: object) -> str:
        zh, en = TEXT[key]
        text = en if english else str(zh)
        return text % values if values else text

    return t
