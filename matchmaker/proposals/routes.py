"""揭榜 views of the team (submit, edit, withdraw, 我的揭榜) and the challenge-page panel.

The firm's views live in firm_views.py and the reviewers' in review_views.py; importing them
here registers them on the one blueprint.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import SIGNED_IN, Role, allow, is_organiser
from matchmaker.extensions import db
from matchmaker.form_choices import choices
from matchmaker.models import Challenge, ChallengeMode, Proposal
from matchmaker.pagination import paginate
from matchmaker.proposals import firm_views, operations, queries, review_views, rules
from matchmaker.proposals.blueprint import bp
from matchmaker.proposals.forms import ProposalForm
from matchmaker.proposals.operations import ProposalError, editable

__all__ = ["bp", "firm_views", "review_views"]


@bp.app_context_processor
def _panel_helpers() -> dict[str, Any]:
    return {"proposal_panel": proposal_panel}


def proposal_panel(challenge: Challenge) -> dict[str, Any]:
    """What templates/proposals/_challenge_panel.html shows the current user on a challenge page."""
    user = current_user
    panel: dict[str, Any] = {"accepts": rules.accepts_proposals(challenge)}
    if not user.is_authenticated:
        return panel
    if rules.sees_all_proposals(user, challenge):
        panel["count"] = queries.count_for_challenge(challenge.id)
        panel["agreements"] = queries.agreements_for_challenge(challenge.id)
    elif user.role == Role.TEAM:
        mine = queries.of_team_for(user.organization_id, challenge.id)
        panel["mine"] = mine
        panel["verified"] = user.organization.is_verified
        if mine is not None:
            panel["agreements"] = [
                a for a in queries.agreements_for_challenge(challenge.id) if a.proposal_id == mine.id
            ]
            panel["editable"] = editable(mine)
    return panel


def _form(org_id: int, obj: Proposal | None = None) -> ProposalForm:
    form = ProposalForm(obj=obj)
    options = [("", _("不关联")), *((str(c.id), c.title) for c in operations.own_capabilities(org_id))]
    form.capability_id.choices = choices(options)
    if obj is not None and not form.is_submitted():
        form.capability_id.data = str(obj.capability_id or "")
    return form


@bp.route("/challenges/<int:challenge_id>/new", methods=["GET", "POST"])
@allow(Role.TEAM)
def new(challenge_id: int):
    challenge = db.get_or_404(Challenge, challenge_id)
    if challenge.status not in rules.OPEN_STATUSES:
        abort(404)
    existing = queries.of_team_for(current_user.organization_id, challenge.id)
    if existing is not None and editable(existing):
        flash(_("您的团队已提交揭榜申请，每个团队只能提交一份；可以在这里修改。"), "info")
        return redirect(url_for(".edit", proposal_id=existing.id))
    try:
        operations.check_verified(current_user)
        operations.check_open(challenge)
    except ProposalError as error:
        flash(str(error), "warning")
        return redirect(url_for("challenges.detail", challenge_id=challenge.id))
    form = _form(current_user.organization_id)
    if form.validate_on_submit():
        try:
            proposal = operations.submit(challenge, current_user, form.data)
        except ProposalError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(_("揭榜申请已提交。截止日期前可以修改或撤回。"), "success")
            return redirect(url_for(".detail", proposal_id=proposal.id))
    return render_template("proposals/form.html", form=form, challenge=challenge, proposal=None)


@bp.route("/<int:proposal_id>/edit", methods=["GET", "POST"])
@allow(Role.TEAM)
def edit(proposal_id: int):
    proposal = _own_proposal(proposal_id)
    form = _form(current_user.organization_id, proposal)
    if form.validate_on_submit():
        try:
            operations.update(proposal, current_user, form.data)
        except ProposalError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(_("揭榜申请已更新。"), "success")
            return redirect(url_for(".detail", proposal_id=proposal.id))
    elif not editable(proposal):
        flash(_("该揭榜申请已过截止日期、已撤回或已有结果，不能再修改。"), "warning")
        return redirect(url_for(".detail", proposal_id=proposal.id))
    return render_template("proposals/form.html", form=form, challenge=proposal.challenge, proposal=proposal)


@bp.route("/<int:proposal_id>/withdraw", methods=["POST"])
@allow(Role.TEAM)
def withdraw(proposal_id: int):
    proposal = _own_proposal(proposal_id)
    try:
        operations.withdraw(proposal, current_user)
    except ProposalError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(_("揭榜申请已撤回。"), "success")
    return redirect(url_for(".mine"))


@bp.route("/mine")
@allow(Role.TEAM)
def mine():
    page = paginate(queries.of_team(current_user.organization_id))
    ids = [p.id for p in page.items]
    return render_template(
        "proposals/mine.html", page=page, agreements=queries.agreements_by_proposal(ids), editable=editable
    )


@bp.route("/<int:proposal_id>")
@allow(SIGNED_IN)
def detail(proposal_id: int):
    proposal = db.get_or_404(Proposal, proposal_id)
    if not rules.can_view_proposal(current_user, proposal):
        abort(404)  # other firms and teams do not learn that it exists
    manages = rules.sees_all_proposals(current_user, proposal.challenge)
    return render_template(
        "proposals/detail.html",
        proposal=proposal,
        challenge=proposal.challenge,
        reviews=queries.reviews_by_proposal([proposal.id])[proposal.id] if manages else [],
        agreement=queries.agreements_by_proposal([proposal.id]).get(proposal.id),
        is_team=rules.is_team_of(current_user, proposal),
        editable=editable(proposal),
        organiser=is_organiser(current_user),
        decides=rules.manages(current_user, proposal.challenge),
        horse_race=proposal.challenge.mode == ChallengeMode.HORSE_RACE,
        selection_started=rules.selection_started(proposal.challenge),
    )


def _own_proposal(proposal_id: int) -> Proposal:
    proposal = db.get_or_404(Proposal, proposal_id)
    if not rules.is_team_of(current_user, proposal):
        abort(404)
    return proposal
