"""科研能力 / 科技成果 form. Lengths follow the columns; publishing asks for more than a draft does."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from matchmaker.capabilities.operations import PUBLISH_REQUIRED
from matchmaker.form_choices import choices, enum_choices
from matchmaker.models import CooperationMode
from matchmaker.models.enums import TRL_LABELS
from matchmaker.posts.fields import TEXT, KeywordsField, at_most, required, strip
from matchmaker.posts.forms import PostForm


class CooperationModesField(SelectMultipleField):
    def pre_validate(self, form: Any) -> None:
        try:
            super().pre_validate(form)
        except ValidationError:
            raise ValidationError(_l("请从列出的合作方式中选择。")) from None


class CapabilityForm(PostForm):
    team_name = StringField(_l("团队名称"), filters=[strip], validators=[required(_l("团队名称")), at_most(80)])
    leader = StringField(_l("负责人"), filters=[strip], validators=[required(_l("负责人")), at_most(40)])
    leader_title = StringField(_l("职称"), filters=[strip], validators=[at_most(40)])
    description = TextAreaField(_l("成果介绍"), filters=[strip], validators=[required(_l("成果介绍")), TEXT])
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
    # 科技成果库: the publicly funded project a result came from, and what a transfer-ready one yields.
    funded_project = StringField(_l("财政资助项目名称（可选）"), filters=[strip], validators=[at_most(120)])
    funded_project_no = StringField(_l("项目编号（可选）"), filters=[strip], validators=[at_most(60)])
    product = StringField(_l("转化产品（可选）"), filters=[strip], validators=[at_most(200)])

    publish_required = tuple(PUBLISH_REQUIRED)  # every field a firm looks for
