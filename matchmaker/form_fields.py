"""Form fields shared across features where WTForms' own would let bad input through."""

from __future__ import annotations

import decimal
from typing import Any

import wtforms
from flask_babel import lazy_gettext as _l


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
