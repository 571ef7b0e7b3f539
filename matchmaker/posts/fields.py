"""Fields and validators both post forms use: trimmed text, lengths, and 关键字 typed as one line."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

MAX_KEYWORDS = 5
KEYWORD_LENGTH = 20
TEXT_LENGTH = 5000  # every Text column of a post
KEYWORD_SEPARATORS = re.compile(r"[,，、;；\s]+")


def strip(value: Any) -> Any:
    """Form filter: surrounding blanks are never meant (and data is None before any input)."""
    return value.strip() if isinstance(value, str) else value


def at_most(n: int) -> Length:
    return Length(max=n, message=_l("最多%(max)d个字。"))


def required(label: str) -> DataRequired:
    return DataRequired(_l("请填写%(label)s。", label=label))


TEXT = at_most(TEXT_LENGTH)


def split_keywords(text: str) -> list[str]:
    """'锂电池, 回收、梯次利用' → ['锂电池', '回收', '梯次利用'] (order kept, duplicates dropped)."""
    return list(dict.fromkeys(k for k in KEYWORD_SEPARATORS.split(text or "") if k))


class KeywordsField(StringField):
    """关键字: typed as one line separated by commas, 、 or spaces; stored as a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"maxlength": (KEYWORD_LENGTH + 1) * MAX_KEYWORDS})
        super().__init__(*args, **kwargs)

    def _value(self) -> str:
        if isinstance(self.data, list):
            return "、".join(self.data)
        return self.data or ""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = split_keywords(valuelist[0] if valuelist else "")

    def pre_validate(self, form: Any) -> None:
        keywords = self.data or []
        if len(keywords) > MAX_KEYWORDS:
            raise ValidationError(_l("关键字最多%(n)d个，您填写了%(m)d个。", n=MAX_KEYWORDS, m=len(keywords)))
        if any(len(k) > KEYWORD_LENGTH for k in keywords):
            raise ValidationError(_l("每个关键字最多%(n)d个字。", n=KEYWORD_LENGTH))
