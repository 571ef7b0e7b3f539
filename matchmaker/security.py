"""Response headers that every page gets, default-deny for views without an access rule, and
Chinese error pages (registered before the blueprints, so the API's JSON handlers wrap them)."""

from __future__ import annotations

from flask import Flask, Response, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from matchmaker import inputs
from matchmaker.authz import check_access
from matchmaker.i18n import error_page_language, is_english


def init_app(app: Flask) -> None:
    inputs.init_app(app)  # the bounded <int:> converter and the NUL check, before any route

    @app.before_request
    def _enforce_access_rule() -> Response | None:
        if request.endpoint is None or request.endpoint == "static":
            return None
        view = current_app.view_functions[request.endpoint]
        return check_access(view)

    @app.after_request
    def _security_headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        )
        return response

    for code in ERROR_PAGES:
        app.register_error_handler(code, _error_page)


ERROR_PAGES = (400, 403, 404, 405, 413, 429, 500)


def _error_page(error: HTTPException) -> tuple[str, int]:
    code = getattr(error, "code", 500) or 500
    with error_page_language():
        # The limiter's own message (Chinese, set on the limit) says what to do; others, and English
        # pages, use the page's text.
        # inputs.BadInput carries a Chinese sentence for the user too.
        for_user = code == 429 or getattr(error, "for_user", False)
        message = error.description if for_user and not is_english() else None
        return render_template("errors/error.html", code=code, message=message), code
