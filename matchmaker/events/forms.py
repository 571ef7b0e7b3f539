"""Forms of the events feature: the year plan's rules, an event, answers and reasons."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from matchmaker.form_choices import enum_choices
from matchmaker.models import EventFormat, EventStyle
from matchmaker.posts.fields import strip

TEXT = Length(max=5000, message=_l("最多%(max)d个字。"))
DATE_MESSAGE = _l("请按 2027-03-16 的格式填写日期。")


def parse_dates(text: str) -> list[date]:
    """One date per line or separated by commas / spaces; raises ValueError naming the bad one."""
    found = []
    for token in text.replace("，", ",").replace(",", " ").split():
        try:
            found.append(date.fromisoformat(token))
        except ValueError:
            raise ValueError(str(_l("无法识别的日期：%(text)s（格式如 2027-03-16）", text=token[:20]))) from None
    return found


def parse_periods(text: str) -> list[list[str]]:
    """Lines of "start end" (or "start 至 end", "start ~ end"): the blackout periods."""
    periods = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.replace("至", " ").replace("~", " ").replace("～", " ").replace("—", " ").strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise ValueError(str(_l("第 %(n)d 行应为“开始日期 至 结束日期”。", n=number)))
        start, end = parse_dates(" ".join(parts))
        if end < start:
            raise ValueError(str(_l("第 %(n)d 行的结束日期早于开始日期。", n=number)))
        periods.append([start.isoformat(), end.isoformat()])
    return periods


class PlanForm(FlaskForm):
    year = IntegerField(
        _l("年度"),
        validators=[InputRequired(_l("请填写年度。")), NumberRange(min=2000, max=2100, message=_l("请填写四位年份。"))],
    )
    target = IntegerField(
        _l("目标活动场次"),
        validators=[
            InputRequired(_l("请填写目标场次。")),
            NumberRange(min=1, max=60, message=_l("目标场次应在1至60之间。")),
        ],
    )
    min_gap_days = IntegerField(
        _l("两场活动最少间隔（天）"),
        default=21,
        validators=[
            InputRequired(_l("请填写间隔天数。")),
            NumberRange(min=0, max=120, message=_l("间隔应在0至120天之间。")),
        ],
    )
    blackouts = TextAreaField(
        _l("不安排活动的时段（每行一段：开始日期 至 结束日期）"), filters=[strip], validators=[Length(max=2000)]
    )
    fixed_dates = TextAreaField(
        _l("已确定的活动日期（可选，每行一个）"), filters=[strip], validators=[Length(max=1000)]
    )

    def validate_blackouts(self, field: TextAreaField) -> None:
        try:
            field.periods = parse_periods(field.data or "")
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def validate_fixed_dates(self, field: TextAreaField) -> None:
        try:
            field.dates = [d.isoformat() for d in parse_dates(field.data or "")]
        except ValueError as error:
            raise ValidationError(str(error)) from None
        if self.year.data and any(not d.startswith(f"{self.year.data}-") for d in field.dates):
            raise ValidationError(_l("已确定的日期须在所选年度内。"))


class EventForm(FlaskForm):
    title = StringField(
        _l("活动名称"),
        filters=[strip],
        validators=[DataRequired(_l("请填写活动名称。")), Length(max=120, message=_l("最多%(max)d个字。"))],
    )
    title_en = StringField(_l("英文名称（可选）"), filters=[strip], validators=[Length(max=200)])
    chains = SelectMultipleField(
        _l("主题产业链（1–3 条，第一条为主）"), validators=[DataRequired(_l("请选择主题产业链。"))]
    )
    starts_on = DateField(_l("开始日期"), validators=[InputRequired(DATE_MESSAGE)])
    ends_on = DateField(_l("结束日期（可选）"), validators=[Optional()])
    start_time = TimeField(_l("开始时间"), validators=[InputRequired(_l("请填写开始时间。"))])
    end_time = TimeField(_l("结束时间"), validators=[InputRequired(_l("请填写结束时间。"))])
    format = SelectField(_l("形式"), choices=enum_choices(EventFormat))
    style = SelectField(_l("对接方式"), choices=enum_choices(EventStyle))
    city = StringField(_l("城市"), filters=[strip], validators=[DataRequired(_l("请填写城市。")), Length(max=20)])
    venue = StringField(_l("地点"), filters=[strip], validators=[Length(max=200)])
    venue_en = StringField(_l("英文地点（可选）"), filters=[strip], validators=[Length(max=200)])
    host = SelectField(_l("承办单位（可选）"), validators=[Optional()])
    capacity_firms = IntegerField(
        _l("企业名额"),
        default=30,
        validators=[InputRequired(), NumberRange(min=1, max=1000, message=_l("名额应在1至1000之间。"))],
    )
    capacity_teams = IntegerField(
        _l("科研团队名额"),
        default=30,
        validators=[InputRequired(), NumberRange(min=1, max=1000, message=_l("名额应在1至1000之间。"))],
    )
    registration_deadline = DateField(_l("报名截止日期（可选）"), validators=[Optional()])
    agenda_outline = TextAreaField(_l("活动议程"), filters=[strip], validators=[TEXT])
    agenda_outline_en = TextAreaField(_l("英文议程（可选）"), filters=[strip], validators=[TEXT])

    def validate_chains(self, field: SelectMultipleField) -> None:
        if len(field.data or []) > 3:
            raise ValidationError(_l("主题最多 3 条产业链。"))

    def validate_ends_on(self, field: DateField) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("结束日期不能早于开始日期。"))

    def validate_end_time(self, field: TimeField) -> None:
        same_day = not self.ends_on.data or self.ends_on.data == self.starts_on.data
        if same_day and field.data and self.start_time.data and field.data <= self.start_time.data:
            raise ValidationError(_l("结束时间应晚于开始时间。"))

    def validate_registration_deadline(self, field: DateField) -> None:
        if field.data and self.starts_on.data and field.data > self.starts_on.data:
            raise ValidationError(_l("报名截止日期不能晚于活动日期。"))


class ReasonForm(FlaskForm):
    """A decision with an optional (or, for cancelling, required) reason."""

    reason = TextAreaField(_l("原因"), filters=[strip], validators=[Length(max=500, message=_l("最多%(max)d个字。"))])


class RegisterForm(FlaskForm):
    message = TextAreaField(
        _l("报名说明（可选：希望对接的方向、参会人员）"),
        filters=[strip],
        validators=[Length(max=1000, message=_l("最多%(max)d个字。"))],
    )


class AddOrganizationForm(FlaskForm):
    organization = SelectField(_l("添加单位"), validators=[DataRequired(_l("请选择单位。"))])


class ButtonForm(FlaskForm):
    """A bare POST button; the form exists for its CSRF token."""
