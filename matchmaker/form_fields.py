"""Form fields shared across features where WTForms' own would let bad input through."""

from __future__ import annotations

import decimal
from typing import Any

import wtforms
from flask_babel import lazy_gettext as _l

from matchmaker.inputs import MAX_ID

BAD_ID = _l("所选项目不存在，请从列表中重新选择。")


class DecimalField(wtforms.DecimalField):
    """A money field: "NaN", "sNaN", "Infinity" and exponents past Numeric(12, 2) are a
    "not a number" error. WTForms accepts them, and comparing a signalling NaN raises."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            return
        super().process_formdata(valuelist)
        if self.data is not None and not (isinstance(self.data, decimal.Decimal) and self.data.is_finite()):
            self.data = None
            raise ValueError(_l("请填写数字。"))
        if self.data is not None and abs(self.data.adjusted()) > 20:
            self.data = None
            raise ValueError(_l("请填写数字。"))


def parse_id(value: object) -> int | None:
    """The row id a form value names: a plain decimal from 1 to MAX_ID, else None.

    Keys are INTEGER, so PostgreSQL refuses a larger number outright (a 500) instead of finding
    nothing; "²".isdigit() is true too, hence isascii."""
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdField(wtforms.IntegerField):
    """An id sent by a form (a hidden field or a select's value): anything but a whole number from
    1 to MAX_ID is the field's error, in Chinese, and leaves the data None."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or valuelist[0] in ("", None):
            return
        self.data = parse_id(valuelist[0])
        if self.data is None:
            raise ValueError(BAD_ID)

    def pre_validate(self, form: Any) -> None:
        # A "required" validator would replace the message with its own ("please choose"), though
        # a value was sent: stop before them.
        if self.process_errors:
            raise wtforms.validators.StopValidation()
