"""What the challenge and capability endpoints share: their create and update, JSON to form data
(so the web forms validate API writes with the same rules), form errors to the error body, list
filters, versions, visibility and paging."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from flask import Response, jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from matchmaker.api.errors import ApiError
from matchmaker.api.openapi import DEFAULT_PER_PAGE, MAX_PER_PAGE
from matchmaker.api.payload import json_body
from matchmaker.api.serialize import ordered_chains
from matchmaker.authz import can_edit, can_publish, can_view
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.models import Capability, Chain, Challenge
from matchmaker.pagination import paginate_select
from matchmaker.posts.chains import chain_choices
from matchmaker.posts.kind import PostKind
from matchmaker.posts.values import json_value
from matchmaker.posts.writes import EditConflict, PostingError

Post = Challenge | Capability
# The form's two chain selects are one "chains" list in the API.
CHAIN_FIELDS = {"chain": "chains", "chain_extra": "chains"}


def create(
    kind: PostKind, schema: str, to_json: Callable[[Any], dict], endpoint: str, multi: Iterable[str] = ()
) -> Response:
    """POST a new post (a draft, or published at once with "status": "published"): 201 and its Location."""
    body = json_body(schema)
    publishing = body.pop("status", "draft") == kind.statuses.PUBLISHED
    if publishing:
        check_can_publish()
    form = validated_form(kind.form, body, None, strict=publishing, multi=multi)
    post = kind.operations.create(form, current_user)
    if publishing:
        move(post, kind.operations.publish)
    db.session.commit()
    response = jsonify(to_json(post))
    response.status_code = 201
    response.headers["Location"] = url_for(endpoint, **{kind.id_arg: post.id})
    return with_etag(response, post)


def update(
    kind: PostKind, post_id: int, schema: str, to_json: Callable[[Any], dict], multi: Iterable[str] = ()
) -> Response:
    """PATCH fields and/or "status" of a post at the version the client read (body or If-Match)."""
    post = editable_or_403(kind.model, post_id)
    body = json_body(schema)
    version = submitted_version(body)
    body.pop("version", None)
    target = kind.statuses(body.pop("status")) if "status" in body else None
    if str(post.version) != version:
        raise conflict(post)
    if target == kind.statuses.PUBLISHED:
        check_can_publish()
    if body and (refusal := kind.operations.edit_refusal(post)):
        raise ApiError(409, refusal, code="not_editable")
    if body or target == kind.statuses.PUBLISHED:  # publishing checks every field it needs, one by one
        publishing = target == kind.statuses.PUBLISHED or post.status in kind.listed
        values = form_values(post, kind.operations.FIELDS) | body | {"version": version}
        form = validated_form(kind.form, values, post, strict=publishing, multi=multi)
    if body:
        try:
            kind.operations.update(post, form, current_user)
        except EditConflict:
            db.session.rollback()
            raise conflict(post) from None
    if target is not None and target != post.status:
        move(post, kind.move_to(target))
    db.session.commit()
    return with_etag(jsonify(to_json(post)), post)


def list_filters(kind: PostKind, args: MultiDict, sorts: Iterable[str], modes: Iterable[str] = ()) -> ListFilters:
    """A list's filters; asking for a status the caller may not list is an error, not an empty list."""
    statuses = [s.value for s in kind.statuses_for(current_user)]
    if args.get("status") and args["status"] not in statuses:
        raise ApiError(422, fields={"status": [_("只有组织方可以按该状态筛选。")]})
    return ListFilters.from_request(statuses=statuses, modes=modes, sorts=sorts, args=args)


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
    values = {name: json_value(getattr(post, name)) for name in names}
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


def move(post: Post, action: Callable[[Any, Any], None]) -> None:
    """A status change through the kind's operations; a refused one writes nothing (409)."""
    try:
        action(post, current_user)
    except PostingError as error:
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
    result = paginate_select(query, page, per_page, MAX_PER_PAGE)  # ids first: proportional to the page
    return jsonify(
        items=[to_json(item) for item in result.items],
        page=page,
        per_page=per_page,
        total=result.total,
        pages=result.pages,
    )


def _form_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
