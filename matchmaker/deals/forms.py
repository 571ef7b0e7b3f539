"""Forms of the deals feature: a meeting's outcome, the event feedback, a deal's steps, the
manager's appointment and a deal's assignment."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from matchmaker.form_choices import choices, enum_choices
from matchmaker.form_fields import DecimalField  # refuses NaN / sNaN / Infinity
from matchmaker.models import DealStage, OutcomeKind
from matchmaker.money import MoneyRange
from matchmaker.posts.fields import strip
from matchmaker.timezones import local_today

MONEY_MAX = 1_000_000  # 万元, i.e. 100 亿元 (as the proposals' agreement form)


def _not_future(field: DateField, message) -> None:
    if field.data and field.data > local_today():
        raise ValidationError(message)


class OutcomeForm(FlaskForm):
    kind = RadioField(
        _l("洽谈成果"),
        choices=[],
        validators=[InputRequired(_l("请选择洽谈成果。"))],
    )
    amount = DecimalField(
        _l("协议金额（万元）"), places=2, validators=[Optional(), MoneyRange(_l("协议金额"), MONEY_MAX)]
    )
    agreed_on = DateField(_l("协议日期"), validators=[Optional()], render_kw={"max": "9999-12-31"})
    comment = TextAreaField(
        _l("说明（可选）"),
        filters=[strip],
        validators=[Length(max=1000, message=_l("说明不超过1000字。"))],
        render_kw={"rows": 3},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = enum_choices(OutcomeKind)  # labels in the request's language

    def validate(self, extra_validators=None) -> bool:
        # Optional() ends a blank field's checks, so "an agreement needs both" is checked here.
        valid = super().validate(extra_validators)
        if self.kind.data != OutcomeKind.AGREEMENT.value:
            return valid
        if self.amount.data is None and not self.amount.errors:
            self.amount.errors = [*self.amount.errors, _l("达成协议须填写协议金额（万元）。")]
            valid = False
        if self.agreed_on.data is None and not self.agreed_on.errors:
            self.agreed_on.errors = [*self.agreed_on.errors, _l("达成协议须填写协议日期。")]
            valid = False
        return valid

    def validate_agreed_on(self, field: DateField) -> None:
        _not_future(field, _l("协议日期不能晚于今天。"))


class FeedbackForm(FlaskForm):
    rating = SelectField(
        _l("对本次活动的评分"),
        choices=choices([("", _l("请选择")), *((str(n), str(n)) for n in range(5, 0, -1))]),
        validators=[InputRequired(_l("请选择评分。"))],
    )
    comment = TextAreaField(
        _l("意见和建议（可选）"),
        filters=[strip],
        validators=[Length(max=1000, message=_l("意见不超过1000字。"))],
        render_kw={"rows": 3},
    )


class StageForm(FlaskForm):
    stage = SelectField(_l("阶段"), validators=[InputRequired(_l("请选择阶段。"))])
    reason = TextAreaField(
        _l("未成原因"),
        filters=[strip],
        validators=[Length(max=1000, message=_l("原因不超过1000字。"))],
        render_kw={"rows": 2},
    )
    amount = DecimalField(
        _l("协议金额（万元）"), places=2, validators=[Optional(), MoneyRange(_l("协议金额"), MONEY_MAX)]
    )
    signed_on = DateField(_l("协议日期"), validators=[Optional()], render_kw={"max": "9999-12-31"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stage.choices = enum_choices(DealStage)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.stage.data == DealStage.FAILED.value and not self.reason.data:
            self.reason.errors = [*self.reason.errors, _l("请填写未成的原因。")]
            valid = False
        return valid

    def validate_signed_on(self, field: DateField) -> None:
        _not_future(field, _l("协议日期不能晚于今天。"))


class NextActionForm(FlaskForm):
    next_action = StringField(
        _l("下一步"),
        filters=[strip],
        validators=[DataRequired(_l("请填写下一步安排。")), Length(max=200, message=_l("下一步不超过200字。"))],
    )
    next_action_on = DateField(_l("计划日期（可选）"), validators=[Optional()], render_kw={"max": "9999-12-31"})


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("新的一条记录"),
        filters=[strip],
        validators=[DataRequired(_l("请填写跟进记录。")), Length(max=2000, message=_l("跟进记录不超过2000字。"))],
        render_kw={"rows": 3},
    )


class ButtonForm(FlaskForm):
    """A button that posts (assign by chain, retire): only the CSRF token."""


class AssignForm(FlaskForm):
    manager = SelectField(_l("技术经理人"), choices=[])


class AppointForm(FlaskForm):
    title = StringField(
        _l("职称"),
        filters=[strip],
        validators=[
            DataRequired(_l("请填写职称，如“高级技术经理人”。")),
            Length(max=40, message=_l("职称不超过40字。")),
        ],
    )
    chains = SelectMultipleField(_l("负责的产业链"), choices=[])
