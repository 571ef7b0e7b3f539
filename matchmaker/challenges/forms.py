"""技术需求征集表. Lengths follow the columns; publishing asks for more than a draft does."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import DateField, Field, SelectField, StringField, TextAreaField
from wtforms.validators import Optional, Regexp

from matchmaker.challenges.operations import PUBLISH_REQUIRED
from matchmaker.form_choices import enum_choices
from matchmaker.form_fields import DecimalField  # refuses NaN / sNaN / Infinity
from matchmaker.models import ChallengeMode, SolutionMode
from matchmaker.money import MoneyRange
from matchmaker.posts.fields import TEXT, KeywordsField, at_most, required, strip
from matchmaker.posts.forms import PostForm
from matchmaker.timezones import local_today

BUDGET_MAX = Decimal("9999999999.99")  # Numeric(12, 2)
PHONE = Regexp(r"^[0-9+\-() 转]*$", message=_l("电话只能包含数字、空格、+、-、括号和“转”。"))


class ChallengeForm(PostForm):
    mode = SelectField(_l("对接方式"), choices=lambda: enum_choices(ChallengeMode), default=ChallengeMode.MATCHMAKING)
    problem = TextAreaField(_l("主要问题"), filters=[strip], validators=[required(_l("主要问题")), TEXT])
    indicators = TextAreaField(_l("技术关键与主要指标"), filters=[strip], validators=[TEXT])
    goal = TextAreaField(_l("预期目标"), filters=[strip], validators=[TEXT])
    keywords = KeywordsField(_l("关键字"))
    budget_min = DecimalField(
        _l("拟投入资金下限（万元）"), places=2, validators=[Optional(), MoneyRange(_l("资金下限"), BUDGET_MAX)]
    )
    budget_max = DecimalField(
        _l("拟投入资金上限（万元）"), places=2, validators=[Optional(), MoneyRange(_l("资金上限"), BUDGET_MAX)]
    )
    solution_mode = SelectField(
        _l("解决方式"), choices=lambda: enum_choices(SolutionMode), default=SolutionMode.COOPERATIVE
    )
    deadline = DateField(_l("需求时限"), validators=[Optional()])
    confidential_detail = TextAreaField(_l("保密技术资料"), filters=[strip], validators=[TEXT])
    contact_name = StringField(_l("联系人"), filters=[strip], validators=[at_most(40)])
    contact_phone = StringField(_l("联系电话"), filters=[strip], validators=[at_most(40), PHONE])
    summary_en = TextAreaField(_l("英文摘要（可选）"), filters=[strip], validators=[TEXT])

    publish_required = tuple(PUBLISH_REQUIRED)  # the whole 征集表

    def problems(self) -> list[tuple[Field, str]]:
        return self._budget_problems() + super().problems()

    def publish_problems(self) -> list[tuple[Field, str]]:
        problems = super().publish_problems()
        deadline = self.deadline.data
        if deadline and deadline <= local_today():
            problems.append((self.deadline, _l("需求时限应晚于今天。")))
        return problems

    def _budget_problems(self) -> list[tuple[Field, str]]:
        low, high = self.budget_min.data, self.budget_max.data
        if self.budget_min.errors or self.budget_max.errors or low is None:
            return []
        if high is None:
            return [(self.budget_max, _l("填写了下限时，请同时填写上限。"))]
        return [(self.budget_max, _l("上限不能低于下限。"))] if low > high else []
