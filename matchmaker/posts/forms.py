"""The form both kinds of post build on: name, chains, the version it was loaded at, and the rule
that publishing (or editing a post the public sees) asks for more than a draft does."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, ValidationError

from matchmaker.posts.fields import at_most, required, strip


class PostForm(FlaskForm):
    # data-counter: static/js/posting.js shows "n / max" under the field, as under the text areas.
    title = StringField(
        _l("名称"), filters=[strip], validators=[required(_l("名称")), at_most(120)], render_kw={"data-counter": "1"}
    )
    title_en = StringField(
        _l("英文名称（可选）"), filters=[strip], validators=[at_most(200)], render_kw={"data-counter": "1"}
    )
    chain = SelectField(_l("所属产业链"), validators=[DataRequired(_l("请选择所属产业链。"))])
    chain_extra = SelectField(_l("兼属产业链（可选）"))
    version = HiddenField()

    # The fields a draft may leave empty but a published post may not (each kind names its own).
    publish_required: tuple[str, ...] = ()
    # Set by the view: publishing, or editing a post the public sees, needs the publish_required fields.
    strict = False

    def validate_chain_extra(self, field: SelectField) -> None:
        if field.data and field.data == self.chain.data:
            raise ValidationError(_l("第二产业链不能与主产业链相同。"))

    def validate(self, extra_validators: dict[str, Any] | None = None) -> bool:
        valid = super().validate(extra_validators)
        problems = self.problems()
        for field, message in problems:
            field.errors.append(message)
        return valid and not problems

    def problems(self) -> list[tuple[Field, str]]:
        """What the fields' own validators cannot see: a kind adds its rules across fields."""
        return self.publish_problems() if self.strict else []

    def publish_problems(self) -> list[tuple[Field, str]]:
        return [
            (self[name], _l("发布前请填写%(label)s。", label=self[name].label.text))
            for name in self.publish_required
            if not self[name].data and not self[name].errors
        ]
