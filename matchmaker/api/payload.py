"""Check request bodies and query strings against the OpenAPI document, in Chinese.

The document is the contract: a body is validated with its request schema and a query parameter
with its parameter schema before any form or query sees it, so types, lengths and enums cannot
differ between what is documented and what is accepted.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import request
from flask_babel import gettext as _
from flask_login import current_user
from jsonschema import Draft202012Validator, ValidationError
from werkzeug.datastructures import MultiDict

from matchmaker.api.errors import ApiError
from matchmaker.api.openapi import REF, document
from matchmaker.authz import is_organiser
from matchmaker.inputs import loads_json

TYPE_NAMES = {
    "string": "字符串",
    "integer": "整数",
    "number": "数字",
    "array": "数组",
    "object": "对象",
    "boolean": "布尔值",
    "null": "null",
}


def json_body(schema_name: str) -> dict[str, Any]:
    """The request's JSON object, valid against components/schemas/<schema_name>, or an ApiError."""
    if not request.is_json:
        raise ApiError(415)
    try:  # a body over MAX_CONTENT_LENGTH still raises 413
        data = loads_json(request.get_data(cache=True))
    except ValueError as error:  # NaN, lone surrogates, NUL, deep nesting: inputs.loads_json
        raise ApiError(400, str(error)) from error
    if not isinstance(data, dict):
        raise ApiError(422, _("请求体应为 JSON 对象。"))
    fields: dict[str, list[str]] = {}
    for error in _validator(REF + schema_name).iter_errors(data):
        for name, message in _explain(error):
            if message not in fields.setdefault(name, []):
                fields[name].append(message)
    if fields:
        raise ApiError(422, fields=fields)
    return data


def query_args(path: str) -> MultiDict:
    """The query parameters of GET <path>, typed and checked; unknown parameters are ignored."""
    values: MultiDict = MultiDict()
    fields: dict[str, list[str]] = {}
    organiser = is_organiser(current_user)
    for param in document(organiser)["paths"][path]["get"].get("parameters", []):
        name, schema = param["name"], param["schema"]
        raw = request.args.get(name, "").strip()
        if not raw:
            continue
        try:
            value = _coerce(raw, schema)
            errors = _schema_validator(name, path, organiser).iter_errors(value)
            problems = [message for error in errors for _field, message in _explain(error)]
        except ValueError:
            problems = [_("应为%(type)s。", type=TYPE_NAMES[schema["type"]])]
        if problems:
            fields[name] = problems
        else:
            values[name] = raw
    if fields:
        raise ApiError(422, _("查询参数不正确。"), fields=fields)
    return values


def _coerce(raw: str, schema: dict[str, Any]) -> Any:
    if schema.get("type") == "integer":
        return int(raw)
    if schema.get("type") == "number":
        number = float(raw)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(raw)
        return number
    return raw


@cache
def _validator(ref: str) -> Draft202012Validator:
    schema = {"$ref": ref, "components": document()["components"]}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _schema_validator(name: str, path: str, organiser: bool) -> Draft202012Validator:
    param = next(p for p in document(organiser)["paths"][path]["get"]["parameters"] if p["name"] == name)
    return Draft202012Validator(param["schema"], format_checker=Draft202012Validator.FORMAT_CHECKER)


def _explain(error: ValidationError) -> list[tuple[str, str]]:
    """(field, Chinese message) pairs for one schema violation."""
    field = str(error.path[0]) if error.path else ""
    kind, limit = error.validator, error.validator_value
    if kind == "required":
        return [(name, _("必填。")) for name in limit if name not in error.instance]
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        return [(name, _("不支持的字段。")) for name in error.instance if name not in known]
    if kind == "type":
        types = [limit] if isinstance(limit, str) else limit
        message = _("应为%(type)s。", type="或".join(TYPE_NAMES.get(t, t) for t in types if t != "null"))
    elif kind == "enum":
        message = _("取值应为：%(values)s。", values="、".join(str(v) for v in limit))
    elif kind == "maxLength":
        message = _("最多%(n)d个字。", n=limit)
    elif kind == "minLength":
        message = _("不能为空。")
    elif kind == "maxItems":
        message = _("最多%(n)d项。", n=limit)
    elif kind == "minItems":
        message = _("至少%(n)d项。", n=limit)
    elif kind == "minimum":
        message = _("不能小于%(n)s。", n=limit)
    elif kind == "maximum":
        message = _("不能大于%(n)s。", n=limit)
    elif kind == "uniqueItems":
        message = _("不能有重复项。")
    elif kind == "format" and limit == "date":
        message = _("日期格式应为 YYYY-MM-DD。")
    else:
        message = _("取值无效。")
    return [(field or "_body", message)]
