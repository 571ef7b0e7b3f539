from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import SIGNED_IN, Role, allow, owns, require
from matchmaker.extensions import db
from matchmaker.matching import index_store, operations, presentation
from matchmaker.matching.forms import FeedbackForm
from matchmaker.models import Chain, Match, MatchFeedback

bp = Blueprint("matching", __name__, url_prefix="/matching")


@bp.route("/matches/<int:match_id>/feedback", methods=["POST"])
@allow(Role.FIRM)
def feedback(match_id: int):
    """The firm that owns the challenge marks a recommendation 相关 / 不相关 / 已联系."""
    match = db.get_or_404(Match, match_id)
    require(owns(current_user, match.challenge))
    form = FeedbackForm()
    if form.validate_on_submit():
        operations.record_feedback(match, MatchFeedback(form.feedback.data), current_user)
        db.session.commit()
        flash(_("已记录反馈：%(label)s", label=MatchFeedback(form.feedback.data).label), "success")
    else:
        flash(_("反馈无效，请重试。"), "warning")
    return redirect(url_for("challenges.detail", challenge_id=match.challenge_id) + "#recommendations")


@bp.route("/suggest-chains")
@allow(SIGNED_IN)
def suggest_chains():
    """Chains the text of a post being written probably belongs to (for the post forms)."""
    text = request.args.get("text", "")[:5000]
    if len(text.strip()) < 8:
        return jsonify(suggestions=[])
    names = dict(db.session.execute(db.select(Chain.code, Chain.name).where(Chain.active)).all())
    with index_store.using() as index:
        found = index.suggest_chains(text, k=3)
    suggestions = [
        {"code": code, "name": names[code], "score": round(score, 3)}
        for code, score in found
        if code in names and score > 0
    ]
    return jsonify(suggestions=suggestions)


presentation.register(bp)
