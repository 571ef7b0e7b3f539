"""Response headers that every page gets, and default-deny for views without an access rule."""

from __future__ import annotations

from flask import Flask, Response, abort, current_app, request

from matchmaker.authz import check_access


def init_app(app: Flask) -> None:
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

    app.register_error_handler(413, lambda e: (_error_page(413), 413))
    _ = abort  # keep import explicit for readers: views use abort(403/404)


def _error_page(code: int) -> str:
    from flask import render_template

    return render_template("errors/error.html", code=code)
