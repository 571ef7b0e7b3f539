"""Amounts in 万元 on forms: a negative amount is told it must not be negative, and the ceiling
is written out once with its unit (never "0至100万万元")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

WAN_PER_YI = 10_000  # 1 亿元 = 10 000 万元


def ceiling_text(maximum: Decimal) -> str:
    """9999999999.99 → "9,999,999,999.99 万元"; 1000000 → "1,000,000 万元（100 亿元）"."""
    number = f"{maximum:,.2f}".removesuffix(".00")
    if maximum >= WAN_PER_YI and maximum % WAN_PER_YI == 0:
        return str(_l("%(n)s 万元（%(yi)s 亿元）", n=number, yi=f"{maximum // WAN_PER_YI:,}"))
    return str(_l("%(n)s 万元", n=number))


class MoneyRange:
    """0 ≤ amount ≤ maximum (万元), with one clear message for each side."""

    def __init__(self, label: Any, maximum: Decimal | int) -> None:
        self.label = label
        self.maximum = Decimal(maximum)

    def __call__(self, form: Any, field: Any) -> None:
        if field.data is None:
            return
        if field.data < 0:
            raise ValidationError(_l("%(label)s不能为负数。", label=self.label))
        if field.data > self.maximum:
            raise ValidationError(_l("%(label)s不能超过 %(max)s。", label=self.label, max=ceiling_text(self.maximum)))
