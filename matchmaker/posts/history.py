"""Edit history of a post: the fields as they were before each edit once the public has seen it,
and how the detail page shows those revisions to the owner and organisers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from wtforms.fields.core import UnboundField

from matchmaker.extensions import db
from matchmaker.models import Capability, Challenge, Revision, User
from matchmaker.posts.values import json_value

Post = Challenge | Capability


def snapshot(post: Post, fields: tuple[str, ...]) -> dict[str, Any]:
    data = {name: json_value(getattr(post, name)) for name in fields}
    data["chains"] = [c.name for c in post.ordered_chains]
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
    """Field name → label of a form class, the fields of its base classes included."""
    fields = {name: f for cls in reversed(form_cls.__mro__) for name, f in vars(cls).items()}
    labels = {name: f.args[0] for name, f in fields.items() if isinstance(f, UnboundField) and f.args}
    return labels | {"chains": _l("所属产业链")}


def history(
    post: Post,
    fields: tuple[str, ...],
    labels: Mapping[str, Any],
    shown: Mapping[str, Callable[[Any], Any]] | None = None,
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
