"""科研能力 / 科技成果 form. Lengths follow the columns; publishing asks for more than a draft does."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from matchmaker.capabilities.operations import PUBLISH_REQUIRED
from matchmaker.challenges.posting import TEXT_LENGTH, KeywordsField, check_second_chain, strip
from matchmaker.form_choices import choices, enum_choices
from matchmaker.models import CooperationMode
from matchmaker.models.enums import TRL_LABELS


def _max(n: int) -> Length:
    return Length(max=n, message=_l("最多%(max)d个字。"))


def _required(label: str) -> DataRequired:
    return DataRequired(_l("请填写%(label)s。", label=label))


TEXT = _max(TEXT_LENGTH)


class CooperationModesField(SelectMultipleField):
    def pre_validate(self, form: Any) -> None:
        try:
            super().pre_validate(form)
        except ValidationError:
            raise ValidationError(_l("请从列出的合作方式中选择。")) from None


class CapabilityForm(FlaskForm):
    title = StringField(_l("名称"), filters=[strip], validators=[_required(_l("名称")), _max(120)])
    title_en = StringField(_l("英文名称（可选）"), filters=[strip], validators=[_max(200)])
    chain = SelectField(_l("所属产业链"), validators=[DataRequired(_l("请选择所属产业链。"))])
    chain_extra = SelectField(_l("兼属产业链（可选）"))
    team_name = StringField(_l("团队名称"), filters=[strip], validators=[_required(_l("团队名称")), _max(80)])
    leader = StringField(_l("负责人"), filters=[strip], validators=[_required(_l("负责人")), _max(40)])
    leader_title = StringField(_l("职称"), filters=[strip], validators=[_max(40)])
    description = TextAreaField(_l("成果介绍"), filters=[strip], validators=[_required(_l("成果介绍")), TEXT])
    trl = SelectField(
        _l("技术成熟度"),
        coerce=int,
        choices=lambda: choices(TRL_LABELS.items()),
        default=4,
        validators=[DataRequired(_l("请选择技术成熟度。"))],
    )
    cooperation_modes = CooperationModesField(_l("合作方式"), choices=lambda: enum_choices(CooperationMode))
    ip = TextAreaField(_l("知识产权"), filters=[strip], validators=[TEXT])
    keywords = KeywordsField(_l("关键字"))
    applications = TextAreaField(_l("应用领域"), filters=[strip], validators=[TEXT])
    version = HiddenField()

    # Set by the view: publishing (or editing a post the public sees) needs every field a firm looks for.
    strict = False

    def validate_chain_extra(self, field: SelectField) -> None:
        check_second_chain(self.chain, field)

    def validate(self, extra_validators: dict[str, Any] | None = None) -> bool:
        valid = super().validate(extra_validators)
        problems: list[tuple[Field, str]] = []
        if self.strict:
            problems = [
                (self[name], _l("发布前请填写%(label)s。", label=self[name].label.text))
                for name in PUBLISH_REQUIRED
                if not self[name].data and not self[name].errors
            ]
        for field, message in problems:
            field.errors.append(message)
        return valid and not problems
