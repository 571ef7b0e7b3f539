from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.access import operations, queries
from matchmaker.access.forms import REASON_MAX, AccessRequestForm
from matchmaker.authz import Role, allow, can_view_confidential, is_verified_member, owns
from matchmaker.extensions import db
from matchmaker.models import AccessRequest, AccessStatus, Challenge
from matchmaker.pagination import paginate

bp = Blueprint("access", __name__, url_prefix="/access")
DRAFT_KEY = "access_request_draft"


@bp.app_context_processor
def _panel_helpers() -> dict[str, Any]:
    return {"access_panel": access_panel}


def access_panel(challenge: Challenge) -> dict[str, Any]:
    """What templates/access/_challenge_panel.html needs for the signed-in user, if anything."""
    user = current_user
    if not user.is_authenticated:
        return {}
    if owns(user, challenge) and user.role == Role.FIRM:
        return {"pending": queries.pending_for_challenge(challenge.id)}
    if user.role == Role.TEAM and challenge.status in operations.REQUESTABLE:
        if not is_verified_member(user) and not can_view_confidential(user, challenge):
            return {"unverified": True}
        mine = queries.of_organization(user.organization_id, challenge.id)
        can_ask = not can_view_confidential(user, challenge) and (mine is None or mine.status == AccessStatus.DECLINED)
        return {"mine": mine, "form": _form_with_draft(challenge.id) if can_ask else None}
    return {}


def _form_with_draft(challenge_id: int) -> AccessRequestForm:
    """The request form, refilled with what was typed (and its errors) when validation failed."""
    draft = session.get(DRAFT_KEY)
    if not draft or draft.get("challenge_id") != challenge_id:
        return AccessRequestForm(formdata=None)
    session.pop(DRAFT_KEY)
    form = AccessRequestForm(formdata=None, reason=draft["reason"])
    form.reason.errors = list(draft["errors"])
    return form


@bp.route("/challenges/<int:challenge_id>/request", methods=["POST"])
@allow(Role.TEAM)
def request_access(challenge_id: int):
    challenge = db.get_or_404(Challenge, challenge_id)
    form = AccessRequestForm()
    if not form.validate_on_submit():
        errors = [str(e) for e in form.reason.errors] or [_("提交失败，请刷新页面后重试。")]
        # Only what the form can take comes back: the session is a cookie (4 KB at most), and a
        # 20,000-character reason must not become a 68 KB cookie.
        reason = (form.reason.data or "")[: REASON_MAX + 20]
        session[DRAFT_KEY] = {"challenge_id": challenge.id, "reason": reason, "errors": errors}
        return redirect(url_for("challenges.detail", challenge_id=challenge.id, _anchor="access"))
    try:
        operations.request_access(challenge, current_user, form.reason.data)
    except operations.AccessError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(_("申请已提交，企业审批后您会收到通知。"), "success")
    return redirect(url_for("challenges.detail", challenge_id=challenge.id))


@bp.route("/requests")
@allow(Role.FIRM)
def requests():
    status = request.args.get("status", "")
    chosen = next((s for s in AccessStatus if s.value == status), None)
    page = paginate(queries.for_firm(current_user.organization_id, chosen))
    return render_template("access/requests.html", page=page, status=chosen, statuses=list(AccessStatus))


@bp.route("/requests/<int:request_id>/<any(approve, decline):decision>", methods=["POST"])
@allow(Role.FIRM)
def decide(request_id: int, decision: str):
    entry = db.get_or_404(AccessRequest, request_id)
    if not owns(current_user, entry.challenge):
        abort(404)
    try:
        operations.decide(entry, decision == "approve", current_user)
    except operations.AccessError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(
            _("已授权 %(org)s 查看详细资料。", org=entry.organization.name)
            if decision == "approve"
            else _("已拒绝 %(org)s 的申请。", org=entry.organization.name),
            "success",
        )
    return redirect(_back(entry))


def _back(entry: AccessRequest) -> str:
    """Return to the page the firm decided from: the challenge or the request list."""
    if request.form.get("back") == "challenge":
        return url_for("challenges.detail", challenge_id=entry.challenge_id)
    return url_for(".requests")
