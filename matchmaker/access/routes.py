from __future__ import annotations

from flask import Blueprint

bp = Blueprint("access", __name__, url_prefix="/access")
