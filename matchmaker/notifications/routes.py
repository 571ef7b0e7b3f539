from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import SIGNED_IN, allow
from matchmaker.extensions import db
from matchmaker.models import Notification
from matchmaker.notifications import inbox as inbox_ops
from matchmaker.notifications import queries
from matchmaker.pagination import page_number, paginate

bp = Blueprint("notifications", __name__, url_prefix="/inbox")


@bp.app_context_processor
def _badge() -> dict[str, Any]:
    """`unread_notifications()` for the navbar badge; queried only when a template calls it."""

    def unread_notifications() -> int:
        return queries.unread_count(current_user.id) if current_user.is_authenticated else 0

    return {"unread_notifications": unread_notifications}


@bp.route("/")
@allow(SIGNED_IN)
def inbox():
    page = paginate(queries.inbox(current_user.id))
    return render_template("notifications/inbox.html", page=page, unread=queries.unread_count(current_user.id))


@bp.route("/<int:notification_id>/read", methods=["POST"])
@allow(SIGNED_IN)
def mark_read(notification_id: int):
    """Mark one read; with open=1 go on to the page it points at."""
    note = db.get_or_404(Notification, notification_id)
    if note.user_id != current_user.id:
        abort(404)
    inbox_ops.mark_read(note)
    db.session.commit()
    if request.form.get("open") == "1" and _is_local(note.link):
        return redirect(note.link)
    return redirect(url_for(".inbox", page=page_number()))


@bp.route("/read-all", methods=["POST"])
@allow(SIGNED_IN)
def mark_all_read():
    count = inbox_ops.mark_all_read(current_user.id)
    db.session.commit()
    flash(_("已将 %(n)d 条通知标为已读。", n=count), "success")
    return redirect(url_for(".inbox"))


def _is_local(link: str) -> bool:
    """Only follow site paths, never another host (links are stored data)."""
    return link.startswith("/") and not link.startswith("//") and "\\" not in link
