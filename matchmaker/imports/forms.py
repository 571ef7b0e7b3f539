"""Upload and confirmation forms of the import flow."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField


class UploadForm(FlaskForm):
    file = FileField(_l("选择文件（.xlsx 或 .csv）"), validators=[FileRequired(_l("请选择要上传的文件。"))])


class ConfirmForm(FlaskForm):
    include_duplicates = BooleanField(_l("同时导入标为“重名”的行"))


class CancelForm(FlaskForm):
    """A bare button; the form exists for its CSRF token."""
