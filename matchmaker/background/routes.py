from __future__ import annotations

from flask import Blueprint

bp = Blueprint("background", __name__)
