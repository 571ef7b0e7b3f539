"""Forms of the good-results selection beyond the shared yearly-list forms: a team's nomination,
the organiser's choice of reviewer, and the reviewer's evaluation."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, StopValidation, ValidationError

from matchmaker.form_choices import choices, enum_choices
from matchmaker.models import ResultCategory
from matchmaker.models.enums import TRL_LABELS
from matchmaker.posts.fields import at_most, strip


class _Chosen:
    """A select or radio whose missing or wrong value (not a number, not offered) gets a Chinese
    message instead of WTForms' English one."""

    def __init__(self, *args: Any, missing: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.missing = missing

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            super().process_formdata(valuelist)  # type: ignore[misc]
        except ValueError:
            self.data = None

    def pre_validate(self, form: Any) -> None:
        if self.data in (None, ""):
            raise StopValidation(str(self.missing))
        try:
            super().pre_validate(form)  # type: ignore[misc]
        except ValidationError:
            raise ValidationError(_l("请从列出的选项中选择。")) from None


class ChosenSelect(_Chosen, SelectField):
    pass


class ChosenRadio(_Chosen, RadioField):
    pass


class NominateForm(FlaskForm):
    capability_id = ChosenSelect(_l("推荐的成果"), coerce=int, missing=_l("请选择要推荐的成果。"))


class ReviewerForm(FlaskForm):
    reviewer_id = ChosenSelect(_l("评审专家"), coerce=int, missing=_l("请选择评审专家。"))


class EvaluationForm(FlaskForm):
    category = ChosenRadio(_l("成果类别"), choices=lambda: enum_choices(ResultCategory), missing=_l("请选择成果类别。"))
    eval_trl = ChosenSelect(
        _l("技术成熟度"),
        coerce=int,
        choices=lambda: choices(TRL_LABELS.items()),
        missing=_l("请选择技术成熟度。"),
    )
    ip_status = StringField(
        _l("知识产权状况"),
        filters=[strip],
        validators=[DataRequired(_l("请填写知识产权状况。")), at_most(200)],
    )
    comment = TextAreaField(
        _l("评价意见"), filters=[strip], validators=[DataRequired(_l("请填写评价意见。")), at_most(2000)]
    )
