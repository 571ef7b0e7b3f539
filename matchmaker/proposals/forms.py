from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from matchmaker.form_fields import DecimalField  # refuses NaN / sNaN / Infinity
from matchmaker.money import MoneyRange
from matchmaker.timezones import local_today

MONEY_MAX = 1_000_000  # 万元, i.e. 100 亿元


class ProposalForm(FlaskForm):
    summary = TextAreaField(
        _l("方案概要"),
        validators=[DataRequired(_l("请填写方案概要。")), Length(max=4000, message=_l("方案概要不超过4000字。"))],
        render_kw={"rows": 5},
    )
    technical_route = TextAreaField(
        _l("技术路线"),
        validators=[DataRequired(_l("请填写技术路线。")), Length(max=8000, message=_l("技术路线不超过8000字。"))],
        render_kw={"rows": 6},
    )
    budget = DecimalField(
        _l("预算（万元）"),
        places=2,
        validators=[Optional(), MoneyRange(_l("预算"), MONEY_MAX)],
    )
    duration_months = IntegerField(
        _l("周期（月）"), validators=[Optional(), NumberRange(min=1, max=120, message=_l("周期应为1至120个月。"))]
    )
    members = TextAreaField(
        _l("团队成员"),
        validators=[DataRequired(_l("请填写团队成员。")), Length(max=2000, message=_l("团队成员不超过2000字。"))],
        render_kw={"rows": 3, "placeholder": _l("姓名、职称、分工，每人一行")},
    )
    capability_id = SelectField(_l("关联本团队的科研能力或成果（可选）"), choices=[], validate_choice=True)


class ReviewRequestForm(FlaskForm):
    reviewer_id = SelectField(_l("评审专家"), choices=[], validators=[DataRequired(_l("请选择评审专家。"))])


class ReviewForm(FlaskForm):
    score = IntegerField(
        _l("评分（0–100）"),
        validators=[InputRequired(_l("请填写评分。")), NumberRange(min=0, max=100, message=_l("评分应在0至100之间。"))],
    )
    comment = TextAreaField(
        _l("评审意见"),
        validators=[DataRequired(_l("请填写评审意见。")), Length(max=4000, message=_l("评审意见不超过4000字。"))],
        render_kw={"rows": 6},
    )


class AgreementForm(FlaskForm):
    amount = DecimalField(
        _l("合同金额（万元）"),
        places=2,
        validators=[
            InputRequired(_l("请填写合同金额。")),
            MoneyRange(_l("合同金额"), MONEY_MAX),
        ],
    )
    signed_on = DateField(_l("签约日期"), validators=[InputRequired(_l("请填写签约日期。"))])
    contract_no = StringField(
        _l("技术合同登记号（可选）"), validators=[Optional(), Length(max=40, message=_l("登记号不超过40个字符。"))]
    )

    def validate_signed_on(self, field: DateField) -> None:
        if field.data and field.data > local_today():
            raise ValidationError(_l("签约日期不能晚于今天。"))
