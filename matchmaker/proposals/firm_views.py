"""The firm's views on the proposals of its challenge: review, select, sign, accept (验收)."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import Role, allow
from matchmaker.extensions import db
from matchmaker.form_choices import choices
from matchmaker.form_fields import parse_id
from matchmaker.models import Challenge, ChallengeMode, Proposal, User
from matchmaker.proposals import agreements, queries, reviews, rules, selection
from matchmaker.proposals.blueprint import bp
from matchmaker.proposals.forms import AgreementForm, ReviewRequestForm
from matchmaker.proposals.operations import ProposalError


@bp.route("/challenges/<int:challenge_id>")
@allow(Role.FIRM, Role.ORGANISER, Role.ADMIN)
def for_challenge(challenge_id: int):
    challenge = db.get_or_404(Challenge, challenge_id)
    if not rules.sees_all_proposals(current_user, challenge):
        abort(404)
    proposals = queries.for_challenge(challenge.id)
    ids = [p.id for p in proposals]
    return render_template(
        "proposals/for_challenge.html",
        challenge=challenge,
        proposals=proposals,
        reviews_by=queries.reviews_by_proposal(ids),
        agreements=queries.agreements_by_proposal(ids),
        review_forms=_review_forms(proposals),
        manages=rules.manages(current_user, challenge),
        horse_race=challenge.mode == ChallengeMode.HORSE_RACE,
        selection_started=rules.selection_started(challenge),
    )


def _review_forms(proposals: list[Proposal]) -> dict[int, ReviewRequestForm]:
    """One reviewer picker per proposal, leaving out reviewers from either party's organisation."""
    appointed = queries.appointed_reviewers()
    # Organisations with a proposal of their own here are rivals: their experts are not offered.
    rivals = {p.organization_id for p in proposals}
    forms = {}
    for proposal in proposals:
        parties = (proposal.organization_id, proposal.challenge.organization_id)
        form = ReviewRequestForm(formdata=None)
        form.reviewer_id.choices = choices(
            (str(u.id), f"{u.name}（{u.title}，{u.organization.name}）")
            for u in appointed
            if u.organization_id not in parties and u.organization_id not in rivals
        )
        forms[proposal.id] = form
    return forms


def _decide(proposal_id: int, action: Callable[[Proposal, User], object], done: str):
    proposal = db.get_or_404(Proposal, proposal_id)
    if not rules.manages(current_user, proposal.challenge):
        abort(404)
    try:
        action(proposal, current_user)
    except ProposalError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(done, "success")
    if request.form.get("back") == "detail":  # the buttons on the proposal's own page
        return redirect(url_for(".detail", proposal_id=proposal.id))
    return redirect(url_for(".for_challenge", challenge_id=proposal.challenge_id, _anchor=f"proposal-{proposal.id}"))


@bp.route("/<int:proposal_id>/shortlist", methods=["POST"])
@allow(Role.FIRM)
def shortlist(proposal_id: int):
    return _decide(proposal_id, selection.shortlist, _("已列入入围名单。"))


@bp.route("/<int:proposal_id>/select", methods=["POST"])
@allow(Role.FIRM)
def select(proposal_id: int):
    return _decide(proposal_id, selection.select, _("已选定该团队，并已通知相关团队。"))


def _on_challenge(challenge_id: int, action: Callable[[Challenge, User], object], done: str):
    challenge = db.get_or_404(Challenge, challenge_id)
    if not rules.manages(current_user, challenge):
        abort(404)
    try:
        action(challenge, current_user)
    except ProposalError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for(".for_challenge", challenge_id=challenge.id))


@bp.route("/challenges/<int:challenge_id>/conclude", methods=["POST"])
@allow(Role.FIRM)
def conclude(challenge_id: int):
    return _on_challenge(challenge_id, selection.conclude, _("遴选已结束，未中选的团队已收到通知。"))


@bp.route("/challenges/<int:challenge_id>/accept", methods=["POST"])
@allow(Role.FIRM)
def accept(challenge_id: int):
    return _on_challenge(challenge_id, selection.accept, _("已完成验收，需求已关闭。"))


@bp.route("/<int:proposal_id>/reviews", methods=["POST"])
@allow(Role.FIRM)
def request_review(proposal_id: int):
    proposal = db.get_or_404(Proposal, proposal_id)
    if not rules.manages(current_user, proposal.challenge):
        abort(404)
    reviewer_id = parse_id(request.form.get("reviewer_id"))
    reviewer = db.session.get(User, reviewer_id) if reviewer_id else None
    try:
        if reviewer is None:
            raise ProposalError(_("请选择评审专家。"))
        reviews.request_review(proposal, reviewer, current_user)
    except ProposalError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(_("已邀请 %(name)s 评审。", name=reviewer.name), "success")
    return redirect(url_for(".for_challenge", challenge_id=proposal.challenge_id, _anchor=f"proposal-{proposal.id}"))


@bp.route("/<int:proposal_id>/agreement", methods=["GET", "POST"])
@allow(Role.FIRM)
def agreement(proposal_id: int):
    proposal = db.get_or_404(Proposal, proposal_id)
    if not rules.manages(current_user, proposal.challenge):
        abort(404)
    form = AgreementForm()
    if form.validate_on_submit():
        if problem := agreements.date_problem(proposal, form.signed_on.data):
            form.signed_on.errors.append(problem)  # shown at the field, the typed values kept
            return _agreement_page(form, proposal), 400
        try:
            agreements.record(proposal, form.amount.data, form.signed_on.data, form.contract_no.data, current_user)
        except ProposalError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(_("签约信息已登记。"), "success")
            return redirect(url_for(".for_challenge", challenge_id=proposal.challenge_id))
    return _agreement_page(form, proposal)


def _agreement_page(form: AgreementForm, proposal: Proposal) -> str:
    existing = agreements.of_proposal(proposal)
    return render_template(
        "proposals/agreement.html",
        form=form,
        proposal=proposal,
        existing=existing,
        earliest=agreements.earliest_signing(proposal),
    )
