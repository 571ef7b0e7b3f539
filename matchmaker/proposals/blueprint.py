from __future__ import annotations

from flask import Blueprint

bp = Blueprint("proposals", __name__, url_prefix="/proposals")
