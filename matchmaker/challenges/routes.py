from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import (
    PUBLIC,
    Role,
    allow,
    can_edit,
    can_publish,
    can_view,
    can_view_confidential,
    is_organiser,
    owns,
)
from matchmaker.challenges import operations, queries
from matchmaker.challenges.forms import ChallengeForm
from matchmaker.challenges.lifecycle import TransitionError
from matchmaker.challenges.posting import (
    CONFLICT_MESSAGE,
    EditConflict,
    editable_or_403,
    field_labels,
    history,
    prepared_form,
)
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.models import Challenge, ChallengeMode, ChallengeStatus, SolutionMode
from matchmaker.pagination import paginate

bp = Blueprint("challenges", __name__, url_prefix="/challenges")
REFUSED = (operations.PostingError, TransitionError)
SHOWN = {"mode": lambda v: ChallengeMode(v).label, "solution_mode": lambda v: SolutionMode(v).label}


@bp.route("/")
@allow(PUBLIC)
def index():
    statuses = ChallengeStatus if is_organiser(current_user) else queries.LISTED
    filters = ListFilters.from_request(
        statuses=[s.value for s in statuses], modes=[m.value for m in ChallengeMode], sorts=queries.SORTS
    )
    page = paginate(queries.listed(filters))
    return render_template("challenges/index.html", page=page, filters=filters, statuses=statuses, modes=ChallengeMode)


@bp.route("/mine")
@allow(Role.FIRM)
def mine():
    filters = ListFilters.from_request(statuses=[s.value for s in ChallengeStatus])
    page = paginate(queries.of_organization(current_user.organization_id, filters.status))
    return render_template(
        "challenges/mine.html",
        page=page,
        filters=filters,
        statuses=ChallengeStatus,
        can_publish=can_publish(current_user),
    )


@bp.route("/<int:challenge_id>")
@allow(PUBLIC)
def detail(challenge_id: int):
    challenge = db.get_or_404(Challenge, challenge_id)
    if not can_view(current_user, challenge):
        abort(404)  # a draft's existence is not disclosed
    curator = owns(current_user, challenge) or is_organiser(current_user)
    return render_template(
        "challenges/detail.html",
        challenge=challenge,
        show_confidential=can_view_confidential(current_user, challenge),
        editable=can_edit(current_user, challenge),
        can_publish=can_publish(current_user),
        history=history(challenge, operations.FIELDS, field_labels(ChallengeForm), SHOWN) if curator else [],
    )


@bp.route("/new", methods=["GET", "POST"])
@allow(Role.FIRM)
def new():
    form = _form(None)
    if form.validate_on_submit():
        challenge = operations.create(form, current_user)
        _save_message(challenge, publishing=form.strict)
        db.session.commit()
        return redirect(url_for(".detail", challenge_id=challenge.id))
    return _render_form(form, None)


@bp.route("/<int:challenge_id>/edit", methods=["GET", "POST"])
@allow(Role.FIRM)
def edit(challenge_id: int):
    challenge = _editable(challenge_id)
    if challenge.status not in operations.EDITABLE:
        flash(_("“%(status)s”状态的需求不能再修改。", status=challenge.status.label), "warning")
        return redirect(url_for(".detail", challenge_id=challenge.id))
    form = _form(challenge)
    if form.validate_on_submit():
        try:
            operations.update(challenge, form, current_user)
        except EditConflict:
            db.session.rollback()
            form.form_errors.append(CONFLICT_MESSAGE)
            return _render_form(form, challenge), 409
        _save_message(challenge, publishing="publish" in request.form)
        db.session.commit()
        return redirect(url_for(".detail", challenge_id=challenge.id))
    return _render_form(form, challenge)


@bp.route("/<int:challenge_id>/publish", methods=["POST"])
@allow(Role.FIRM)
def publish(challenge_id: int):
    return _act(challenge_id, operations.publish, _("已发布。"))


@bp.route("/<int:challenge_id>/withdraw", methods=["POST"])
@allow(Role.FIRM)
def withdraw(challenge_id: int):
    return _act(challenge_id, operations.withdraw, _("已撤回。撤回的需求不再公开展示，可改为草稿后重新发布。"))


@bp.route("/<int:challenge_id>/to-draft", methods=["POST"])
@allow(Role.FIRM)
def to_draft(challenge_id: int):
    return _act(challenge_id, operations.to_draft, _("已改为草稿，修改后可重新发布。"))


def _editable(challenge_id: int) -> Challenge:
    return editable_or_403(Challenge, challenge_id)


def _form(challenge: Challenge | None) -> ChallengeForm:
    return prepared_form(ChallengeForm, challenge, queries.LISTED)


def _render_form(form: ChallengeForm, challenge: Challenge | None) -> str:
    return render_template(
        "challenges/form.html", form=form, challenge=challenge, can_publish=can_publish(current_user)
    )


def _save_message(challenge: Challenge, publishing: bool) -> None:
    """Publish when asked (the draft is kept when publishing is refused) and say what happened."""
    if publishing and challenge.status == ChallengeStatus.DRAFT:
        try:
            operations.publish(challenge, current_user)
        except REFUSED as error:
            flash(_("已保存为草稿，但暂不能发布：%(why)s", why=error), "warning")
            return
        flash(_("已发布。平台将为您推荐合适的高校团队。"), "success")
    else:
        flash(_("已保存。"), "success")


def _act(challenge_id: int, action, done: str):
    challenge = _editable(challenge_id)
    try:
        action(challenge, current_user)
    except REFUSED as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(done, "success")
    if request.form.get("back") == "mine":
        return redirect(url_for(".mine"))
    return redirect(url_for(".detail", challenge_id=challenge.id))
