from __future__ import annotations

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/inbox")
