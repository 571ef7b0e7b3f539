"""What both kinds of post (技术需求 and 科研成果) share when they are written: keywords, chains,
edit history and the optimistic lock. The capabilities feature imports it from here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

import sqlalchemy as sa
from flask import request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from wtforms import Field, SelectField, StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import ValidationError

from matchmaker.authz import can_edit, require
from matchmaker.extensions import db
from matchmaker.form_choices import choices
from matchmaker.models import Capability, Chain, Challenge, Revision, User

MAX_KEYWORDS = 5
KEYWORD_LENGTH = 20
TEXT_LENGTH = 5000  # every Text column of a post
KEYWORD_SEPARATORS = re.compile(r"[,，、;；\s]+")
CONFLICT_MESSAGE = _l("该需求已被他人修改，请刷新后重新编辑；您填写的内容已保留在下方")
CAPABILITY_CONFLICT_MESSAGE = _l("该成果已被他人修改，请刷新后重新编辑；您填写的内容已保留在下方")

Post = Challenge | Capability


class EditConflict(Exception):
    """Someone else saved the post since this form was loaded; nothing was written."""


def strip(value: Any) -> Any:
    """Form filter: surrounding blanks are never meant (and data is None before any input)."""
    return value.strip() if isinstance(value, str) else value


def split_keywords(text: str) -> list[str]:
    """'锂电池, 回收、梯次利用' → ['锂电池', '回收', '梯次利用'] (order kept, duplicates dropped)."""
    return list(dict.fromkeys(k for k in KEYWORD_SEPARATORS.split(text or "") if k))


class KeywordsField(StringField):
    """关键字: typed as one line separated by commas, 、 or spaces; stored as a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {"maxlength": (KEYWORD_LENGTH + 1) * MAX_KEYWORDS})
        super().__init__(*args, **kwargs)

    def _value(self) -> str:
        if isinstance(self.data, list):
            return "、".join(self.data)
        return self.data or ""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = split_keywords(valuelist[0] if valuelist else "")

    def pre_validate(self, form: Any) -> None:
        keywords = self.data or []
        if len(keywords) > MAX_KEYWORDS:
            raise ValidationError(_l("关键字最多%(n)d个，您填写了%(m)d个。", n=MAX_KEYWORDS, m=len(keywords)))
        if any(len(k) > KEYWORD_LENGTH for k in keywords):
            raise ValidationError(_l("每个关键字最多%(n)d个字。", n=KEYWORD_LENGTH))


def chain_choices(post: Post | None, blank: str = "") -> list:
    """Active chains, plus a retired chain the post already belongs to (it keeps its history)."""
    current = [c.id for c in post.chains] if post is not None else []
    rows = db.session.scalars(
        sa.select(Chain).where(sa.or_(Chain.active, Chain.id.in_(current))).order_by(Chain.sort_order)
    )
    pairs = [(str(c.id), c.name) for c in rows]
    return choices(([("", blank)] if blank else []) + pairs)


def set_chains(post: Post, chain_field: SelectField, extra_field: SelectField) -> None:
    """所属产业链: the first is the primary chain; the second is optional."""
    ids = [int(chain_field.data)] + ([int(extra_field.data)] if extra_field.data else [])
    with db.session.no_autoflush:  # one UPDATE per edit, inside flush_or_conflict
        chains = {c.id: c for c in db.session.scalars(sa.select(Chain).where(Chain.id.in_(ids)))}
    post.primary_chain = chains[ids[0]]
    post.chains = [chains[i] for i in ids]


def check_second_chain(chain_field: Field, extra_field: Field) -> None:
    if extra_field.data and extra_field.data == chain_field.data:
        raise ValidationError(_l("第二产业链不能与主产业链相同。"))


def check_version(post: Post, submitted: str | None) -> None:
    """The form carries the version it was loaded at; a different one means someone saved since."""
    if str(post.version) != (submitted or ""):
        raise EditConflict


def flush_or_conflict() -> None:
    """Flush an edit; the version column makes a concurrent writer's UPDATE match no row."""
    try:
        db.session.flush()
    except StaleDataError as error:
        raise EditConflict from error


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def snapshot(post: Post, fields: tuple[str, ...]) -> dict[str, Any]:
    data = {name: _plain(getattr(post, name)) for name in fields}
    data["chains"] = [c.name for c in post.chains]
    return data


def record_revision(post: Post, fields: tuple[str, ...], editor: User) -> Revision | None:
    """Keep the fields as they were before an edit, once the public has seen the post."""
    if post.published_at is None:
        return None
    revision = Revision(
        entity_type=type(post).__name__.lower(),
        entity_id=post.id,
        version=post.version,
        editor_id=editor.id,
        snapshot=snapshot(post, fields),
    )
    db.session.add(revision)
    return revision


def field_labels(form_cls: type) -> dict[str, Any]:
    """Field name → label of a form class (for the edit history)."""
    labels = {name: f.args[0] for name, f in vars(form_cls).items() if isinstance(f, UnboundField) and f.args}
    return labels | {"chains": _l("所属产业链")}


def history(
    post: Post, fields: tuple[str, ...], labels: dict[str, Any], shown: dict[str, Callable[[Any], Any]] | None = None
) -> list[dict[str, Any]]:
    """The post's revisions, newest first, each with the fields its edit changed and their old
    values (`shown` turns a stored value into what the reader sees, e.g. an enum's label)."""
    shown = shown or {}
    revisions = list(
        db.session.scalars(
            sa.select(Revision)
            .where(Revision.entity_type == type(post).__name__.lower(), Revision.entity_id == post.id)
            .order_by(Revision.version.desc(), Revision.id.desc())
        )
    )
    editors = {
        u.id: u.name for u in db.session.scalars(sa.select(User).where(User.id.in_({r.editor_id for r in revisions})))
    }
    after = snapshot(post, fields)
    entries = []
    for revision in revisions:
        before = revision.snapshot
        changed = [
            (str(labels.get(k, k)), shown.get(k, _as_text)(before.get(k)))
            for k in (*fields, "chains")
            if before.get(k) != after.get(k)
        ]
        entries.append({"revision": revision, "editor": editors.get(revision.editor_id, ""), "changed": changed})
        after = before
    return entries


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(map(str, value))
    return "" if value is None else str(value)


def prepared_form(form_cls: type, post: Challenge | Capability | None, live_statuses: Iterable[Enum]) -> Any:
    """The post form for `post` (None: a new one), with chain choices. Strict (everything needed
    to publish is required) when the post is already public or the user presses publish."""
    if post is None:
        form = form_cls()
    else:
        extra = [c.id for c in post.chains if c.id != post.primary_chain_id]
        form = form_cls(obj=post, chain=str(post.primary_chain_id), chain_extra=str(extra[0]) if extra else "")
    form.chain.choices = chain_choices(post, blank=gettext("请选择"))
    form.chain_extra.choices = chain_choices(post, blank=gettext("无"))
    form.strict = (post is not None and post.status in tuple(live_statuses)) or "publish" in request.form
    return form


def editable_or_403(model: type, post_id: int) -> Any:
    """The post, if the signed-in user may edit it (404 when missing, 403 when not theirs)."""
    post = db.get_or_404(model, post_id)
    require(can_edit(current_user, post))
    return post
