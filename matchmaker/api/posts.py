"""What the challenge and capability endpoints share: JSON to form data (so the web forms validate
API writes with the same rules), form errors to the error body, versions, visibility and paging."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

import sqlalchemy as sa
from flask import Response, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from matchmaker.api.errors import ApiError
from matchmaker.api.openapi import DEFAULT_PER_PAGE, MAX_PER_PAGE
from matchmaker.api.serialize import ordered_chains
from matchmaker.authz import can_edit, can_publish, can_view
from matchmaker.challenges.posting import chain_choices
from matchmaker.extensions import db
from matchmaker.models import Capability, Chain, Challenge

Post = Challenge | Capability
# The form's two chain selects are one "chains" list in the API.
CHAIN_FIELDS = {"chain": "chains", "chain_extra": "chains"}


def visible_or_404(model: type[Post], post_id: int) -> Post:
    """Drafts and withdrawn posts answer 404 to those who may not see them, as on the web."""
    post = db.session.get(model, post_id)
    if post is None or not can_view(current_user, post):
        raise ApiError(404)
    return post


def editable_or_403(model: type[Post], post_id: int) -> Post:
    post = visible_or_404(model, post_id)
    if not can_edit(current_user, post):
        raise ApiError(403, _("只有发布单位的用户可以修改。"))
    return post


def form_values(post: Post, names: Iterable[str]) -> dict[str, Any]:
    """The post's current values of a form's fields, plus its chains, as API JSON values."""
    values = {name: _json_value(getattr(post, name)) for name in names}
    return values | {"chains": [c.code for c in ordered_chains(post)]}


def validated_form(
    form_cls: type[FlaskForm], values: Mapping[str, Any], post: Post | None, strict: bool, multi: Iterable[str] = ()
) -> Any:
    """The web form, filled and validated exactly as the web views do it; 422 when it refuses."""
    form = build_form(form_cls, values, multi)
    form.chain.choices = chain_choices(post, blank=_("请选择"))
    form.chain_extra.choices = chain_choices(post, blank=_("无"))
    form.strict = strict
    if not form.validate():
        raise validation_error(form)
    return form


def move(post: Post, action: Callable[[Any, Any], None], refusals: tuple[type[Exception], ...]) -> None:
    """A status change through the feature's operations; a refused one writes nothing (409)."""
    try:
        action(post, current_user)
    except refusals as error:
        db.session.rollback()
        raise ApiError(409, str(error), code="invalid_transition") from None


def check_can_publish() -> None:
    if not can_publish(current_user):
        raise ApiError(403, _("您的单位尚未通过审核，审核通过后才能发布；现在可以先保存草稿。"), code="not_verified")


def build_form(form_cls: type[FlaskForm], values: Mapping[str, Any], multi: Iterable[str] = ()) -> FlaskForm:
    """A form (without CSRF: the API uses no cookies) filled from JSON values as a browser would."""
    data: MultiDict = MultiDict()
    for name, value in values.items():
        if name == "chains":
            primary, extra = chain_ids(value)
            data.add("chain", primary)
            data.add("chain_extra", extra)
        elif name in multi:
            for item in value or []:
                data.add(name, str(item))
        else:
            data.add(name, _form_text(value))
    return form_cls(formdata=data, meta={"csrf": False})


def chain_ids(codes: list[str]) -> tuple[str, str]:
    """Chain codes → the form's (primary, extra) chain ids; unknown codes are a validation error."""
    found = dict(db.session.execute(sa.select(Chain.code, Chain.id).where(Chain.code.in_(codes))).all())
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ApiError(422, fields={"chains": [_("未知的产业链代码：%(codes)s。", codes="、".join(unknown))]})
    if len(set(codes)) < len(codes):
        raise ApiError(422, fields={"chains": [_("产业链不能重复。")]})
    ids = [str(found[code]) for code in codes]
    return ids[0], ids[1] if len(ids) > 1 else ""


def validation_error(form: FlaskForm) -> ApiError:
    fields: dict[str, list[str]] = {}
    for name, messages in form.errors.items():
        key = CHAIN_FIELDS.get(name, name) if name is not None else "_form"
        fields.setdefault(key, []).extend(str(m) for m in messages)
    return ApiError(422, fields=fields)


def submitted_version(body: Mapping[str, Any]) -> str:
    """The version the client read: the body's "version", else the If-Match header; 428 without."""
    if body.get("version") is not None:
        return str(body["version"])
    header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if not header:
        raise ApiError(428)
    return header


def conflict(post: Post) -> ApiError:
    return ApiError(
        409,
        _("该内容已被他人修改（当前版本 %(v)d），请重新获取后再提交。", v=post.version),
        code="version_conflict",
    )


def with_etag(response: Response, post: Post) -> Response:
    response.headers["ETag"] = f'"{post.version}"'
    return response


def page_json(query: sa.Select, args: Mapping[str, str], to_json: Callable[[Any], dict]) -> Response:
    page = int(args.get("page", 1))
    per_page = int(args.get("per_page", DEFAULT_PER_PAGE))
    result = db.paginate(query, page=page, per_page=per_page, max_per_page=MAX_PER_PAGE, error_out=False)
    return jsonify(
        items=[to_json(item) for item in result.items],
        page=page,
        per_page=per_page,
        total=result.total,
        pages=result.pages,
    )


def _json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _form_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
