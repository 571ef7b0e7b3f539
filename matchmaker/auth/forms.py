from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from matchmaker.auth.passwords import MAX_LENGTH, MIN_LENGTH, NotGuessable
from matchmaker.form_choices import choices, enum_choices
from matchmaker.models import OrgKind
from matchmaker.organizations.credit_code import CITY_DIVISION_CODES, CreditCodeError, validate

PASSWORD_RULE = Length(min=MIN_LENGTH, max=MAX_LENGTH, message=_l("密码长度应为10至128个字符。"))
SIGNUP_KINDS = [OrgKind.FIRM, OrgKind.UNIVERSITY, OrgKind.INSTITUTE]


class LoginForm(FlaskForm):
    email = EmailField(_l("邮箱"), validators=[DataRequired(_l("请输入邮箱。")), Length(max=254)])
    password = PasswordField(_l("密码"), validators=[DataRequired(_l("请输入密码。")), Length(max=128)])
    remember = BooleanField(_l("保持登录"))


class SignupForm(FlaskForm):
    kind = SelectField(_l("单位类型"), choices=lambda: enum_choices(SIGNUP_KINDS), default=OrgKind.FIRM.value)
    org_name = StringField(_l("单位名称"), validators=[DataRequired(_l("请输入单位名称。")), Length(max=120)])
    credit_code = StringField(
        _l("统一社会信用代码"), validators=[DataRequired(_l("请输入统一社会信用代码。")), Length(max=30)]
    )
    city = SelectField(_l("所在城市"), choices=lambda: choices((c, c) for c in CITY_DIVISION_CODES))
    chains = SelectMultipleField(_l("所属产业链"), coerce=str)
    name = StringField(_l("联系人姓名"), validators=[DataRequired(_l("请输入姓名。")), Length(max=60)])
    email = EmailField(
        _l("邮箱"),
        validators=[DataRequired(_l("请输入邮箱。")), Email(_l("邮箱格式不正确。")), Length(max=254)],
    )
    password = PasswordField(
        _l("密码"),
        validators=[DataRequired(_l("请输入密码。")), PASSWORD_RULE, NotGuessable("email", "name", "org_name")],
    )
    confirm = PasswordField(_l("确认密码"), validators=[EqualTo("password", message=_l("两次输入的密码不一致。"))])

    def validate_credit_code(self, field: StringField) -> None:
        try:
            field.data = validate(field.data or "")
        except CreditCodeError as error:
            raise ValidationError(str(error)) from error


class ResendConfirmationForm(FlaskForm):
    email = EmailField(
        _l("邮箱"),
        validators=[DataRequired(_l("请输入邮箱。")), Email(_l("邮箱格式不正确。")), Length(max=254)],
    )


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("当前密码"), validators=[DataRequired(_l("请输入当前密码。"))])
    password = PasswordField(
        _l("新密码"), validators=[DataRequired(_l("请输入新密码。")), PASSWORD_RULE, NotGuessable()]
    )
    confirm = PasswordField(_l("确认新密码"), validators=[EqualTo("password", message=_l("两次输入的密码不一致。"))])


class SignOutEverywhereForm(FlaskForm):
    """Only the CSRF token: ends every session of the account."""
