from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from matchmaker.form_choices import enum_choices
from matchmaker.models import MatchFeedback


class FeedbackForm(FlaskForm):
    feedback = SelectField(_l("反馈"), choices=lambda: enum_choices(MatchFeedback))
