from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class TokenForm(FlaskForm):
    name = StringField(
        _l("令牌名称"),
        validators=[
            DataRequired(_l("请填写令牌名称，例如用途或调用系统。")),
            Length(max=60, message=_l("最多60个字符。")),
        ],
    )
