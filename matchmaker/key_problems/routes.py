from __future__ import annotations

from flask import Blueprint

bp = Blueprint("key_problems", __name__, url_prefix="/key-problems")
