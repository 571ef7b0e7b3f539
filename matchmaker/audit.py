"""Append an AuditLog row in the caller's transaction (it commits or rolls back with the change)."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from flask_login import current_user

from matchmaker.extensions import db
from matchmaker.models import AuditLog, User


def record(action: str, entity: Any, actor: User | None = None, **detail: Any) -> AuditLog:
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    entry = AuditLog(
        action=action,
        entity_type=type(entity).__name__,
        entity_id=getattr(entity, "id", None),
        actor_id=actor.id if actor is not None else None,
        detail=detail,
        ip_address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(entry)
    return entry
