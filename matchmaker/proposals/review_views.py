"""Expert reviewers' queue and review form, and the organisers' reviewer appointments."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import SIGNED_IN, Role, allow, is_acting_reviewer, require
from matchmaker.extensions import db
from matchmaker.models import Review, ReviewStatus, User
from matchmaker.pagination import paginate
from matchmaker.proposals import queries, reviews
from matchmaker.proposals.blueprint import bp
from matchmaker.proposals.forms import ReviewForm
from matchmaker.proposals.operations import ProposalError

ORGANISERS = (Role.ORGANISER, Role.ADMIN)


@bp.route("/reviews")
@allow(SIGNED_IN)
def review_queue():
    require(current_user.is_reviewer)  # a revoked reviewer's queue goes with the appointment
    page = paginate(queries.review_queue(current_user.id))
    return render_template("proposals/review_queue.html", page=page)


@bp.route("/reviews/<int:review_id>", methods=["GET", "POST"])
@allow(SIGNED_IN)
def review(review_id: int):
    entry = db.get_or_404(Review, review_id)
    if entry.reviewer_id != current_user.id:
        abort(404)
    # The appointment and the absence of a conflict are checked on every visit, not only when invited.
    require(is_acting_reviewer(current_user, entry.proposal.challenge))
    form = ReviewForm(obj=entry) if entry.status == ReviewStatus.DONE else ReviewForm()
    if entry.status == ReviewStatus.REQUESTED and form.validate_on_submit():
        try:
            reviews.submit_review(entry, form.score.data, form.comment.data, current_user)
        except ProposalError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(_("评审意见已提交，感谢您的支持。"), "success")
            return redirect(url_for(".review_queue"))
    proposal = entry.proposal
    return render_template(
        "proposals/review.html",
        review=entry,
        form=form,
        proposal=proposal,
        challenge=proposal.challenge,
        show_confidential=entry.status == ReviewStatus.REQUESTED,
    )


@bp.route("/reviewers")
@allow(*ORGANISERS)
def reviewers():
    search = request.args.get("q", "").strip()[:60]
    page = paginate(queries.reviewer_candidates(search))
    return render_template(
        "proposals/reviewers.html", page=page, search=search, eligible=reviews.is_eligible, titles=reviews.SENIOR_TITLES
    )


@bp.route("/reviewers/<int:user_id>", methods=["POST"])
@allow(*ORGANISERS)
def appoint(user_id: int):
    user = db.get_or_404(User, user_id)
    appointed = request.form.get("appointed") == "1"
    try:
        reviews.appoint(user, appointed, current_user)
    except ProposalError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(
            _("已聘任 %(name)s 为评审专家。", name=user.name) if appointed else _("已解聘 %(name)s。", name=user.name),
            "success",
        )
    return redirect(url_for(".reviewers", q=request.args.get("q", "")))
