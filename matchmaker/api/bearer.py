"""Who is calling the API: the bearer token decides, never the cookie session.

For every request under /api/v1 the current user is replaced by the token's user (or the
anonymous user when no token is sent), so a browser session alone cannot act through the API.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import current_app, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user

from matchmaker.api import operations, queries
from matchmaker.api.errors import ApiError
from matchmaker.extensions import db, limiter, login_manager
from matchmaker.models import ApiToken, Role

F = TypeVar("F", bound=Callable[..., Any])


def authenticate_request() -> None:
    """before_request of the API: a bad token is refused even on public reads (fail loudly)."""
    header = request.headers.get("Authorization", "")
    token = _token_from(header) if header else None
    # flask-login's own hook for "the user of this request", without touching the session.
    login_manager._update_request_context_with_user(token.user if token else None)


def _token_from(header: str) -> ApiToken:
    scheme, _sep, secret = header.partition(" ")
    token = queries.live_token(secret.strip()) if scheme.lower() == "bearer" and secret.strip() else None
    if token is None or not token.user.active:
        raise ApiError(401, _("API 令牌无效、已撤销，或其账号已停用。"), code="invalid_token")
    if operations.touch(token):
        db.session.commit()
    return token


def token_required(*roles: Role) -> Callable[[F], F]:
    """Writes need a token; with roles, only users of those roles may call the view."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                raise ApiError(401)
            if roles and current_user.role not in roles:
                raise ApiError(403, _("您的账号角色不能执行此操作。"))
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def write_limit(view: F) -> F:
    """Throttle writes per token (API_WRITE_RATE_LIMIT, default 60 per minute)."""
    return limiter.limit(
        lambda: current_app.config.get("API_WRITE_RATE_LIMIT", "60 per minute"),
        key_func=_rate_key,
        error_message=_l("请求过于频繁，请稍后再试。"),
    )(view)


def _rate_key() -> str:
    """The token itself, however the header is spelt ("bearer", "Bearer", extra spaces), so a
    client cannot get a fresh budget by changing the header's text; no token: the address."""
    scheme, _sep, secret = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        return "api-token:" + queries.hash_secret(secret.strip())
    return get_remote_address()
