"""Forms of the meetings feature: the grid, a request and its answer, the organiser's actions."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from matchmaker.form_fields import IdField
from matchmaker.posts.fields import strip

MAX_SLOTS = 48
MAX_TABLES = 300


def parse_numbers(text: str) -> list[int]:
    """ "4, 7" or "4 7" or "4、7" -> [4, 7]; raises ValueError naming the bad token."""
    found = []
    for token in re.split(r"[\s,，、;；]+", text or ""):
        if not token:
            continue
        if not (token.isascii() and token.isdigit() and len(token) <= 4):
            raise ValueError(str(_l("无法识别的场次号：%(t)s", t=token[:10])))
        found.append(int(token))
    return found


def parse_tables(text: str) -> list[str]:
    """One table name per line, or a single number N for tables "1 号桌" … "N 号桌"."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) == 1 and lines[0].isascii() and lines[0].isdigit():
        count = int(lines[0][:4])
        if not 0 <= count <= MAX_TABLES:
            raise ValueError(str(_l("洽谈桌数量应在0至%(n)d之间。", n=MAX_TABLES)))
        return [str(_l("%(n)d 号桌", n=n)) for n in range(1, count + 1)]
    if len(lines) > MAX_TABLES:
        raise ValueError(str(_l("洽谈桌最多 %(n)d 张。", n=MAX_TABLES)))
    if any(len(line) > 60 for line in lines):
        raise ValueError(str(_l("桌名最多 60 个字。")))
    if len(set(lines)) != len(lines):
        raise ValueError(str(_l("桌名不能重复。")))
    return lines


class GridForm(FlaskForm):
    meeting_date = DateField(_l("洽谈日期"), validators=[InputRequired(_l("请按 2027-03-16 的格式填写日期。"))])
    first_slot = TimeField(_l("第一场开始时间"), validators=[InputRequired(_l("请填写开始时间。"))])
    slot_minutes = IntegerField(
        _l("每场时长（分钟）"),
        validators=[
            InputRequired(_l("请填写每场时长。")),
            NumberRange(min=5, max=120, message=_l("每场应在5至120分钟之间。")),
        ],
    )
    slot_count = IntegerField(
        _l("场次数"),
        validators=[
            InputRequired(_l("请填写场次数。")),
            NumberRange(min=1, max=MAX_SLOTS, message=_l("场次数应在1至%(max)d之间。", max=MAX_SLOTS)),
        ],
    )
    break_slots = StringField(_l("休息场次（场次号，逗号分隔，可选）"), filters=[strip], validators=[Length(max=200)])
    tables = TextAreaField(_l("洽谈桌（每行一个桌名，或只填数量）"), filters=[strip], validators=[Length(max=8000)])
    online_meetings = BooleanField(_l("允许线上洽谈（仅线上、线上线下结合的活动）"))
    max_meetings = IntegerField(
        _l("每家单位最多洽谈场次"),
        validators=[
            InputRequired(_l("请填写洽谈上限。")),
            NumberRange(min=1, max=MAX_SLOTS, message=_l("上限应在1至%(max)d之间。", max=MAX_SLOTS)),
        ],
    )
    request_deadline = DateTimeLocalField(
        _l("预约截止时间（北京时间，可选）"), format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"], validators=[Optional()]
    )
    answer_timeout_hours = IntegerField(
        _l("答复期限（小时）"),
        validators=[
            InputRequired(_l("请填写答复期限。")),
            NumberRange(min=1, max=336, message=_l("答复期限应在1至336小时之间。")),
        ],
    )

    def validate_break_slots(self, field: StringField) -> None:
        try:
            numbers = parse_numbers(field.data or "")
        except ValueError as error:
            raise ValidationError(str(error)) from None
        count = self.slot_count.data or 0
        if any(not 1 <= n <= count for n in numbers):
            raise ValidationError(_l("休息场次应在1至%(n)d之间。", n=count))
        field.slots = sorted({n - 1 for n in numbers})  # stored from 0

    def validate_tables(self, field: TextAreaField) -> None:
        try:
            field.names = parse_tables(field.data or "")
        except ValueError as error:
            raise ValidationError(str(error)) from None


class RequestForm(FlaskForm):
    to = IdField(validators=[InputRequired(_l("请选择洽谈对象。"))])
    message = TextAreaField(
        _l("留言（可选：想谈的问题、参会人员）"),
        filters=[strip],
        validators=[Length(max=500, message=_l("最多%(max)d个字。"))],
    )


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        _l("原因（可选）"), filters=[strip], validators=[Length(max=500, message=_l("最多%(max)d个字。"))]
    )


class ButtonForm(FlaskForm):
    """A bare POST button; the form exists for its CSRF token."""


class PairForm(FlaskForm):
    firm = SelectField(_l("企业"), validators=[DataRequired(_l("请选择企业。"))])
    team = SelectField(_l("科研团队"), validators=[DataRequired(_l("请选择科研团队。"))])


class PlaceForm(PairForm):
    """A pair at one cell: force a meeting, or a walk-in on the day."""

    slot = SelectField(_l("场次"), validators=[DataRequired(_l("请选择场次。"))])
    table = SelectField(_l("洽谈桌"), validators=[DataRequired(_l("请选择洽谈桌。"))])


class LinkForm(FlaskForm):
    link = StringField(
        _l("线上会议链接"), filters=[strip], validators=[Length(max=300, message=_l("最多%(max)d个字。"))]
    )

    def validate_link(self, field: StringField) -> None:
        if field.data and not field.data.startswith(("https://", "http://")):
            raise ValidationError(_l("请填写以 https:// 开头的链接。"))


class SolveForm(FlaskForm):
    keep_published = BooleanField(_l("保留已发布的洽谈（尽量少移动）"), default=True)


ONLINE_CHOICE = "online"
