"""Input the database cannot store or the app cannot handle is refused as a 4xx, never a 500.

- ids in URLs: the app-wide `int` converter stops at 64 bits (a 404, like any unknown id);
- NUL characters in query strings and forms (PostgreSQL refuses them; pages would show them raw);
- JSON bodies: NaN/Infinity, lone surrogates, NUL and nesting deeper than MAX_JSON_DEPTH.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # primary keys are INTEGER (32-bit on PostgreSQL): a larger id can name no row
MAX_JSON_DEPTH = 32


class BadInput(BadRequest):
    """A 400 whose description is a Chinese sentence meant for the user."""

    for_user = True


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` everywhere: a number beyond any id (32 bits) finds nothing (404), whatever the method.

    Refusing it in the converter would make werkzeug answer 405 where another rule of the same
    path takes other methods (GET vs PATCH /api/v1/challenges/<id>), so it becomes 0, an id no
    row has; more than 40 digits match no rule at all."""

    regex = r"\d{1,40}"

    def to_python(self, value: str) -> int:
        number = int(value)
        return number if number <= MAX_ID else 0


def has_nul(text: str) -> bool:
    return "\x00" in text


def refuse_nul_in_request() -> None:
    """before_request: query strings and form fields never carry NUL."""
    for source in (request.args, request.form):
        for key, values in source.lists():
            if has_nul(key) or any(has_nul(v) for v in values):
                raise BadInput(_("提交的内容含有不可见的控制字符（NUL），请删除后重试。"))


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def loads_json(raw: bytes) -> Any:
    """Parse a request body strictly. Raises ValueError with a Chinese message when it is not
    JSON this app can store."""
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except RecursionError as error:
        raise ValueError(_("JSON 嵌套层数过多（最多 %(n)d 层）。", n=MAX_JSON_DEPTH)) from error
    except (UnicodeDecodeError, ValueError) as error:
        raise ValueError(_("请求体不是合法的 JSON。")) from error
    _check_tree(data)
    return data


def _check_tree(data: Any) -> None:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ValueError(_("JSON 嵌套层数过多（最多 %(n)d 层）。", n=MAX_JSON_DEPTH))
        if isinstance(value, str):
            _check_text(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_text(key)
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def _check_text(text: str) -> None:
    if has_nul(text):
        raise ValueError(_("文本中含有不可见的控制字符（NUL）。"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate such as "\ud800"
        raise ValueError(_("文本中含有无效的 Unicode 字符（孤立的代理项）。")) from error


def init_app(app: Flask) -> None:
    """Call before any blueprint is registered: rules pick their converter when added."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(refuse_nul_in_request)
