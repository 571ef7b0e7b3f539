"""The year's targets form (organisers)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange


def _figure(label, low: int, high: int, required: str) -> IntegerField:
    return IntegerField(
        label,
        invalid_value_message=_l("请填写整数。"),
        validators=[
            InputRequired(required),
            NumberRange(min=low, max=high, message=_l("应为%(min)d至%(max)d之间的整数。", min=low, max=high)),
        ],
    )


class TargetsForm(FlaskForm):
    events = _figure(_l("对接活动（场）"), 1, 100, _l("请填写对接活动目标。"))
    key_problems = _figure(_l("年度难题（项）"), 1, 1000, _l("请填写年度难题目标。"))
    agreements = _figure(_l("签约（项，0 表示不设目标）"), 0, 100000, _l("请填写签约目标，不设目标请填 0。"))
