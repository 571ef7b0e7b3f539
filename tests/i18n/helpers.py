"""Checks for English pages: no Chinese left outside the data fields marked as Chinese.

`assert_english_page(html)` is the one to call on a page fetched with ?lang=en: the document must
say lang="en", and once every element marked lang="zh…" (a Chinese-only field, the 中文 side of the
language switch) is removed, no Han character, CJK punctuation or full-width form may remain in
the text or in any attribute (title, aria-label, placeholder, value are read out too)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

CJK = re.compile(
    "[\u3000-\u303f"  # CJK punctuation: 、。「」
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\uff00-\uffef"  # full-width forms: ：，（）
    "\U00020000-\U0003ffff]"  # Han, supplementary planes
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _is_chinese(attrs: list[tuple[str, str | None]]) -> bool:
    return any(name == "lang" and (value or "").lower().startswith("zh") for name, value in attrs)


class _Unmarked(HTMLParser):
    """Collects text and attribute values that are not inside an element marked lang="zh…"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, inside Chinese)
        self.found: list[str] = []
        self.html_lang: str | None = None

    def _inside_chinese(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")
        chinese = self._inside_chinese() or _is_chinese(attrs)
        if not chinese:
            self.found += [f"<{tag} {name}={value!r}>" for name, value in attrs if value and CJK.search(value)]
        if tag not in VOID:
            self.open.append((tag, chinese))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not (self._inside_chinese() or _is_chinese(attrs)):
            self.found += [f"<{tag} {name}={value!r}>" for name, value in attrs if value and CJK.search(value)]

    def handle_endtag(self, tag: str) -> None:
        # Close back to the matching tag, so an element left open (<p>, <li>) cannot hide the rest.
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self._inside_chinese() and CJK.search(data):
            self.found.append(data.strip())


def unmarked_chinese(html: str) -> list[str]:
    """Every piece of text or attribute with CJK characters outside the elements marked lang="zh…"."""
    parser = _Unmarked()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_english_page(html: str) -> None:
    parser = _Unmarked()
    parser.feed(html)
    parser.close()
    assert parser.html_lang == "en", f'the page is not in English: <html lang="{parser.html_lang}">'
    assert not parser.found, "Chinese outside lang=zh elements on an English page:\n" + "\n".join(parser.found)
