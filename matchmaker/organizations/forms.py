"""Forms of the verification queue and of the applicant's correction."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from matchmaker.form_choices import choices
from matchmaker.organizations.credit_code import CITY_DIVISION_CODES, CreditCodeError, validate
from matchmaker.organizations.operations import REASON_MAX

OUTCOMES = {"return": _l("退回修改"), "reject": _l("不予通过")}


class DeclineForm(FlaskForm):
    """An organiser's answer other than 通过, with the reason the applicant will read."""

    outcome = SelectField(_l("处理方式"), choices=lambda: choices(OUTCOMES.items()), validate_choice=True)
    reason = TextAreaField(
        _l("原因（申请单位可见）"),
        filters=[lambda v: (v or "").strip()],
        validators=[
            DataRequired(_l("请填写原因，申请单位会看到它。")),
            Length(max=REASON_MAX, message=_l("原因不超过%(max)d字。")),
        ],
        render_kw={"rows": 2, "maxlength": REASON_MAX},
    )


class CorrectionForm(FlaskForm):
    """The details an applicant may correct after the organisers returned the application."""

    org_name = StringField(_l("单位名称"), validators=[DataRequired(_l("请输入单位名称。")), Length(max=120)])
    credit_code = StringField(
        _l("统一社会信用代码"), validators=[DataRequired(_l("请输入统一社会信用代码。")), Length(max=30)]
    )
    city = SelectField(_l("所在城市"), choices=lambda: choices((c, c) for c in CITY_DIVISION_CODES))

    def validate_credit_code(self, field: StringField) -> None:
        try:
            field.data = validate(field.data or "")
        except CreditCodeError as error:
            raise ValidationError(str(error)) from error
