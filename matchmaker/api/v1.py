"""The /api/v1 blueprint: bearer-token identity, no CSRF (no cookies are used), JSON errors.

Views attach themselves in matchmaker/api/{chains,challenges,capabilities,docs}.py. They are all
declared @allow(PUBLIC) for the cookie-based authz check, because the bearer token decides access
here: writes carry @token_required.
"""

from __future__ import annotations

from flask import Blueprint

from matchmaker.api import bearer, errors
from matchmaker.extensions import csrf

v1 = Blueprint("v1", __name__, url_prefix="/api/v1")
csrf.exempt(v1)
v1.before_request(bearer.authenticate_request)
errors.register(v1)
