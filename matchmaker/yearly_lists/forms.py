"""Forms every yearly list shares: create a year, its settings, an entry's English text, buttons."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange

from matchmaker.form_fields import IdField

TEXT = Length(max=5000, message=_l("最多%(max)d个字。"))
TARGET = NumberRange(min=1, max=1000, message=_l("目标数量应在1至1000之间。"))


class CreateListForm(FlaskForm):
    year = IntegerField(
        _l("年度"),
        validators=[DataRequired(_l("请填写年度。")), NumberRange(min=2000, max=2100, message=_l("请填写四位年份。"))],
    )
    target = IntegerField(_l("目标数量"), validators=[DataRequired(_l("请填写目标数量。")), TARGET])
    title = StringField(_l("榜单名称（可选）"), default="", filters=[str.strip], validators=[Length(max=120)])


class EditListForm(FlaskForm):
    target = IntegerField(_l("目标数量"), validators=[DataRequired(_l("请填写目标数量。")), TARGET])
    title = StringField(
        _l("榜单名称"), filters=[str.strip], validators=[DataRequired(_l("请填写榜单名称。")), Length(max=120)]
    )
    intro = TextAreaField(_l("榜单说明"), filters=[str.strip], validators=[TEXT])
    intro_en = TextAreaField(_l("英文说明（Introduction）"), filters=[str.strip], validators=[TEXT])


class EnglishForm(FlaskForm):
    title_en = StringField(
        _l("英文标题（English title）"),
        filters=[str.strip],
        validators=[Length(max=200, message=_l("最多%(max)d个字符。"))],
    )
    summary_en = TextAreaField(_l("英文摘要（English summary）"), filters=[str.strip], validators=[TEXT])


class AddEntryForm(FlaskForm):
    challenge_id = IdField(validators=[DataRequired()])


class ButtonForm(FlaskForm):
    """A bare POST button; the form exists for its CSRF token."""
