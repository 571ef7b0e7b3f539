"""技术需求征集表. Lengths follow the columns; publishing asks for more than a draft does."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, Field, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from matchmaker.challenges.operations import PUBLISH_REQUIRED
from matchmaker.challenges.posting import TEXT_LENGTH, KeywordsField, check_second_chain, strip
from matchmaker.form_choices import enum_choices
from matchmaker.models import ChallengeMode, SolutionMode

BUDGET_LIMIT = NumberRange(
    min=Decimal(0), max=Decimal("9999999999.99"), message=_l("金额应在0至9999999999.99万元之间。")
)
PHONE = Regexp(r"^[0-9+\-() 转]*$", message=_l("电话只能包含数字、空格、+、-、括号和“转”。"))


def _max(n: int) -> Length:
    return Length(max=n, message=_l("最多%(max)d个字。"))


TEXT = _max(TEXT_LENGTH)


def _required(label: str) -> DataRequired:
    return DataRequired(_l("请填写%(label)s。", label=label))


class ChallengeForm(FlaskForm):
    title = StringField(
        _l("名称"),
        filters=[strip],
        validators=[_required(_l("名称")), _max(120)],
    )
    title_en = StringField(_l("英文名称（可选）"), filters=[strip], validators=[_max(200)])
    chain = SelectField(_l("所属产业链"), validators=[DataRequired(_l("请选择所属产业链。"))])
    chain_extra = SelectField(_l("兼属产业链（可选）"))
    mode = SelectField(_l("对接方式"), choices=lambda: enum_choices(ChallengeMode), default=ChallengeMode.MATCHMAKING)
    problem = TextAreaField(_l("主要问题"), filters=[strip], validators=[_required(_l("主要问题")), TEXT])
    indicators = TextAreaField(_l("技术关键与主要指标"), filters=[strip], validators=[TEXT])
    goal = TextAreaField(_l("预期目标"), filters=[strip], validators=[TEXT])
    keywords = KeywordsField(_l("关键字"))
    budget_min = DecimalField(_l("拟投入资金下限（万元）"), places=2, validators=[Optional(), BUDGET_LIMIT])
    budget_max = DecimalField(_l("拟投入资金上限（万元）"), places=2, validators=[Optional(), BUDGET_LIMIT])
    solution_mode = SelectField(
        _l("解决方式"), choices=lambda: enum_choices(SolutionMode), default=SolutionMode.COOPERATIVE
    )
    deadline = DateField(_l("需求时限"), validators=[Optional()])
    confidential_detail = TextAreaField(_l("保密技术资料"), filters=[strip], validators=[TEXT])
    contact_name = StringField(_l("联系人"), filters=[strip], validators=[_max(40)])
    contact_phone = StringField(_l("联系电话"), filters=[strip], validators=[_max(40), PHONE])
    summary_en = TextAreaField(_l("英文摘要（可选）"), filters=[strip], validators=[TEXT])
    version = HiddenField()

    # Set by the view: publishing (or editing a post the public sees) needs the whole 征集表.
    strict = False

    def validate_chain_extra(self, field: SelectField) -> None:
        check_second_chain(self.chain, field)

    def validate(self, extra_validators: dict[str, Any] | None = None) -> bool:
        valid = super().validate(extra_validators)
        problems = self._budget_problems() + (self._publish_problems() if self.strict else [])
        for field, message in problems:
            field.errors.append(message)
        return valid and not problems

    def _budget_problems(self) -> list[tuple[Field, str]]:
        low, high = self.budget_min.data, self.budget_max.data
        if self.budget_min.errors or self.budget_max.errors or low is None:
            return []
        if high is None:
            return [(self.budget_max, _l("填写了下限时，请同时填写上限。"))]
        return [(self.budget_max, _l("上限不能低于下限。"))] if low > high else []

    def _publish_problems(self) -> list[tuple[Field, str]]:
        problems = [
            (self[name], _l("发布前请填写%(label)s。", label=self[name].label.text))
            for name in PUBLISH_REQUIRED
            if not self[name].data and not self[name].errors
        ]
        deadline = self.deadline.data
        if deadline and deadline <= date.today():
            problems.append((self.deadline, _l("需求时限应晚于今天。")))
        return problems
