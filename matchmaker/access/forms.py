from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

REASON_MAX = 300


class AccessRequestForm(FlaskForm):
    reason = TextAreaField(
        _l("申请理由"),
        validators=[
            DataRequired(_l("请简要说明申请查看详细资料的理由。")),
            Length(max=REASON_MAX, message=_l("申请理由不超过300字。")),
        ],
        render_kw={"rows": 3, "maxlength": REASON_MAX},
    )
