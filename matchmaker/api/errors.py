"""One error body for every failure under /api/: {"error": {"code", "message", "fields"?}}.

Errors raised in API views are turned into JSON by the v1 blueprint's handlers. Unknown paths and
wrong methods under /api/ never reach a blueprint, so app-wide 404/405 handlers answer those in
JSON too and hand everything else to whatever handled it before (the HTML pages).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Blueprint, Response, jsonify, request
from flask.blueprints import BlueprintSetupState
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, default_exceptions

API_PATH = "/api/"

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "version_conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    428: "precondition_required",
    429: "rate_limited",
}
MESSAGES = {
    400: _l("请求格式不正确。"),
    401: _l("需要有效的 API 令牌（请求头 Authorization: Bearer <令牌>）。"),
    403: _l("无权执行此操作。"),
    404: _l("资源不存在。"),
    405: _l("该地址不支持此请求方法。"),
    409: _l("该资源已被他人修改，请重新获取后再提交。"),
    413: _l("请求体过大。"),
    415: _l("请求体须为 JSON（Content-Type: application/json）。"),
    422: _l("提交的数据未通过校验。"),
    428: _l("请在请求体中提供 version，或在 If-Match 请求头中提供当前版本号。"),
    429: _l("请求过于频繁，请稍后再试。"),
}


class ApiError(Exception):
    """Raise anywhere in an API view to answer with the standard error body."""

    def __init__(
        self,
        status: int,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message or str(MESSAGES.get(status, _l("请求失败。")))
        self.fields = dict(fields) if fields else None
        self.headers = dict(headers or {})


def error_response(error: ApiError) -> Response:
    body: dict[str, Any] = {"code": error.code, "message": error.message}
    if error.fields:
        body["fields"] = error.fields
    response = jsonify(error=body)
    response.status_code = error.status
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    response.headers.update(error.headers)
    return response


def from_http_exception(exc: HTTPException) -> Response:
    status = exc.code or 500
    message = MESSAGES.get(status) or (_l("服务器内部错误。") if status >= 500 else None)
    if getattr(exc, "for_user", False):  # inputs.BadInput: a sentence meant for the caller
        message = exc.description
    headers = {k: v for k, v in exc.get_headers() if k in ("Allow", "Retry-After")}
    return error_response(ApiError(status, str(message) if message else None, headers=headers))


def register(blueprint: Blueprint) -> None:
    blueprint.register_error_handler(ApiError, error_response)
    # By status code, so they win over the app's code-specific HTML handlers (e.g. 413).
    for status in default_exceptions:
        blueprint.register_error_handler(status, from_http_exception)
    blueprint.record_once(_install_app_fallback)


def _install_app_fallback(state: BlueprintSetupState) -> None:
    app = state.app
    for status in (404, 405):
        previous = app.error_handler_spec[None][status].get(default_exceptions[status])
        app.register_error_handler(status, _json_under_api(previous))


def _json_under_api(previous: Callable[[HTTPException], Any] | None) -> Callable[[HTTPException], Any]:
    def handle(exc: HTTPException) -> Any:
        if request.path.startswith(API_PATH):
            return from_http_exception(exc)
        return previous(exc) if previous else exc

    return handle
