"""山东好成果, the yearly selection of good research results: the public page (Chinese and
English), its Excel and print versions; the organisers' selection pages; a team's nominations
and English text; the expert reviewer's evaluations."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import PUBLIC, SIGNED_IN, Role, allow, is_organiser, owns, require
from matchmaker.extensions import db
from matchmaker.good_results import export, operations, queries
from matchmaker.good_results.forms import EvaluationForm, NominateForm, ReviewerForm
from matchmaker.good_results.kind import GOOD_RESULTS
from matchmaker.i18n import bilingual
from matchmaker.imports import xlsx
from matchmaker.listing import ListFilters
from matchmaker.models import Capability, GoodResultEntry, GoodResultList, User
from matchmaker.pagination import paginate
from matchmaker.redirects import safe_next
from matchmaker.yearly_lists import queries as shared
from matchmaker.yearly_lists import views
from matchmaker.yearly_lists.forms import AddEntryForm, ButtonForm, CreateListForm, EditListForm, EnglishForm

bp = Blueprint("good_results", __name__, url_prefix="/good-results")
ORGANISERS = (Role.ORGANISER, Role.ADMIN)


# ---------------------------------------------------------------- public


def _public_page(the_list: GoodResultList | None):
    context = views.public_context(GOOD_RESULTS, the_list)
    ids = [e.capability_id for g in context["groups"] for e in g.entries]
    return render_template(
        "good_results/public.html",
        gr_list=the_list,
        recommended=queries.recommended_challenges(ids),
        **context,
    )


@bp.route("/")
@allow(PUBLIC)
@bilingual
def public_list():
    """The latest published year (the navbar links here)."""
    return _public_page(shared.latest_published(GOOD_RESULTS))


@bp.route("/<int:year>")
@allow(PUBLIC)
@bilingual
def public_year(year: int):
    return _public_page(views.published_or_404(GOOD_RESULTS, year))


@bp.route("/<int:year>.xlsx")
@allow(PUBLIC)
def download(year: int):
    the_list = views.published_or_404(GOOD_RESULTS, year)
    data = export.workbook(the_list, shared.grouped(GOOD_RESULTS, the_list, public=True))
    return xlsx.download(data, f"{the_list.title}.xlsx")


@bp.route("/<int:year>/print")
@allow(PUBLIC)
@bilingual
def print_view(year: int):
    the_list = views.published_or_404(GOOD_RESULTS, year)
    return render_template(
        "good_results/print.html", gr_list=the_list, groups=shared.grouped(GOOD_RESULTS, the_list, public=True)
    )


# ---------------------------------------------------------------- organisers


def _list_or_404(year: int) -> GoodResultList:
    return views.list_or_404(GOOD_RESULTS, year)


def _entry_of(year: int, entry_id: int) -> GoodResultEntry:
    return views.entry_of(GOOD_RESULTS, _list_or_404(year), entry_id)


@bp.route("/manage", methods=["GET", "POST"])
@allow(*ORGANISERS)
def manage():
    form = CreateListForm()
    if request.method == "GET":
        taken = {gr.year for gr in shared.all_lists(GOOD_RESULTS)}
        year = shared.this_year()
        form.year.data = year if year not in taken else max(taken) + 1
        form.target.data = shared.default_target(GOOD_RESULTS)
    elif form.validate_on_submit():
        try:
            the_list = operations.shared.create_list(
                GOOD_RESULTS, form.year.data, form.target.data, form.title.data, current_user
            )
        except operations.ListError as error:
            form.year.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("已创建%(title)s。", title=the_list.title), "success")
            return redirect(url_for(".edit", year=the_list.year))
    lists = [(gr, shared.entry_count(GOOD_RESULTS, gr.id)) for gr in shared.all_lists(GOOD_RESULTS)]
    return render_template("good_results/manage.html", form=form, lists=lists)


@bp.route("/manage/<int:year>", methods=["GET", "POST"])
@allow(*ORGANISERS)
def edit(year: int):
    the_list = _list_or_404(year)
    form = EditListForm(obj=the_list)
    if form.validate_on_submit():
        operations.shared.update_list(GOOD_RESULTS, the_list, form.data, current_user)
        db.session.commit()
        flash(_("名单设置已保存。"), "success")
        return redirect(url_for(".edit", year=year))
    filters = ListFilters.from_request()
    text = request.args.get("q", "").strip()
    return render_template(
        "good_results/edit.html",
        gr_list=the_list,
        form=form,
        groups=shared.grouped(GOOD_RESULTS, the_list, public=False),
        nominations=queries.nominations(the_list),
        count=shared.entry_count(GOOD_RESULTS, the_list.id),
        pool=paginate(shared.pool(GOOD_RESULTS, the_list, filters.chain, text), per_page=10),
        filters=filters,
        text=text,
        button=ButtonForm(),
        shown=GOOD_RESULTS.shown,
        gaps=operations.publish_gaps(the_list),
    )


@bp.route("/manage/<int:year>/entries", methods=["POST"])
@allow(*ORGANISERS)
def add_entry(year: int):
    the_list = _list_or_404(year)
    form = AddEntryForm()
    if form.validate_on_submit():
        capability = db.get_or_404(Capability, form.challenge_id.data)
        views.apply_or_warn(
            lambda: operations.add_entry(the_list, capability, current_user),
            _("已选入：%(title)s", title=capability.title),
        )
    else:
        views.warn_invalid(form)
    # Keep the pool's filters and page after an add; only a path on this site is followed.
    return redirect(safe_next(request.form.get("next_url"), url_for(".edit", year=year)))


@bp.route("/manage/<int:year>/entries/<int:entry_id>/accept", methods=["POST"])
@allow(*ORGANISERS)
def accept_entry(year: int, entry_id: int):
    entry = _entry_of(year, entry_id)
    if ButtonForm().validate_on_submit():
        views.apply_or_warn(
            lambda: operations.accept(entry, current_user), _("已选入：%(title)s", title=entry.capability.title)
        )
    return redirect(url_for(".edit", year=year, _anchor=f"entry-{entry.id}"))


@bp.route("/manage/<int:year>/entries/<int:entry_id>/remove", methods=["POST"])
@allow(*ORGANISERS)
def remove_entry(year: int, entry_id: int):
    entry = _entry_of(year, entry_id)
    if ButtonForm().validate_on_submit():
        title = entry.capability.title
        operations.remove_entry(entry, current_user)
        db.session.commit()
        flash(_("已移出：%(title)s", title=title), "info")
    return redirect(url_for(".edit", year=year))


@bp.route("/manage/<int:year>/entries/<int:entry_id>/<any(up, down):direction>", methods=["POST"])
@allow(*ORGANISERS)
def move_entry(year: int, entry_id: int, direction: str):
    entry = _entry_of(year, entry_id)
    if ButtonForm().validate_on_submit():
        operations.move_entry(entry, -1 if direction == "up" else 1)
        db.session.commit()
    return redirect(url_for(".edit", year=year, _anchor=f"entry-{entry.id}"))


@bp.route("/manage/<int:year>/entries/<int:entry_id>/reviewer", methods=["GET", "POST"])
@allow(*ORGANISERS)
def assign_reviewer(year: int, entry_id: int):
    entry = _entry_of(year, entry_id)
    form = ReviewerForm()
    reviewers = queries.reviewers_for(entry)
    form.reviewer_id.choices = [(u.id, f"{u.name}（{u.title}，{u.organization.name}）") for u in reviewers]
    if form.validate_on_submit():
        reviewer = db.session.get(User, form.reviewer_id.data)
        done = views.apply_or_warn(
            lambda: operations.assign_reviewer(entry, reviewer, current_user),
            _("已邀请 %(name)s 评价此成果。", name=reviewer.name),
        )
        if done:
            return redirect(url_for(".edit", year=year, _anchor=f"entry-{entry.id}"))
    elif request.method == "GET" and entry.reviewer_id:
        form.reviewer_id.data = entry.reviewer_id
    return render_template("good_results/reviewer.html", entry=entry, form=form, reviewers=reviewers)


@bp.route("/manage/<int:year>/publish", methods=["POST"])
@allow(*ORGANISERS)
def publish(year: int):
    # A list with gaps goes out only with the box "仍然发布" ticked.
    confirmed = request.form.get("confirm_gaps") == "1"
    return views.publishing(
        _list_or_404(year),
        ButtonForm(),
        lambda the_list, user: operations.publish(the_list, user, confirmed),
        _("名单已发布。"),
        ".edit",
    )


@bp.route("/manage/<int:year>/unpublish", methods=["POST"])
@allow(*ORGANISERS)
def unpublish(year: int):
    return views.publishing(
        _list_or_404(year), ButtonForm(), operations.unpublish, _("名单已撤回，公众不再可见。"), ".edit"
    )


# ---------------------------------------------------------------- teams


@bp.route("/entries/<int:entry_id>/english", methods=["GET", "POST"])
@allow(Role.TEAM, *ORGANISERS)
def english(entry_id: int):
    entry = db.get_or_404(GoodResultEntry, entry_id)
    require(is_organiser(current_user) or owns(current_user, entry.capability))
    form = EnglishForm(obj=entry)
    if form.validate_on_submit():
        operations.update_english(entry, form.title_en.data, form.summary_en.data, current_user)
        db.session.commit()
        flash(_("英文名称和简介已保存。"), "success")
        if is_organiser(current_user):
            return redirect(url_for(".edit", year=entry.list.year, _anchor=f"entry-{entry.id}"))
        return redirect(url_for(".mine"))
    return render_template("good_results/english.html", entry=entry, form=form)


def _nominate_form(the_list: GoodResultList | None) -> NominateForm:
    form = NominateForm()
    own = queries.nominable(current_user.organization_id, the_list) if the_list else []
    form.capability_id.choices = [(c.id, c.title) for c in own]
    if request.method == "GET":  # from a capability's page: that result chosen already
        form.capability_id.data = request.args.get("capability_id", type=int)
    return form


@bp.route("/mine")
@allow(Role.TEAM)
def mine():
    """The team's results in a selection, and the form to nominate one into the open year."""
    the_list = queries.open_list()
    return render_template(
        "good_results/mine.html",
        entries=queries.entries_of_organization(current_user.organization_id),
        open_list=the_list,
        form=_nominate_form(the_list),
    )


@bp.route("/nominate", methods=["POST"])
@allow(Role.TEAM)
def nominate():
    the_list = queries.open_list()
    if the_list is None:
        flash(_("目前没有正在遴选的年度名单。"), "warning")
        return redirect(url_for(".mine"))
    form = _nominate_form(the_list)
    if form.validate_on_submit():
        capability = db.session.get(Capability, form.capability_id.data)
        views.apply_or_warn(
            lambda: operations.nominate(the_list, capability, current_user),
            _("已推荐“%(title)s”，等待组织方遴选。", title=capability.title),
        )
    for error in form.capability_id.errors:
        flash(str(error), "warning")
    return redirect(url_for(".mine"))


# ---------------------------------------------------------------- expert reviewers


@bp.route("/reviews")
@allow(SIGNED_IN)
def reviews():
    require(current_user.is_reviewer)  # the queue goes with the appointment
    return render_template("good_results/reviews.html", page=paginate(queries.evaluation_queue(current_user.id)))


@bp.route("/entries/<int:entry_id>/evaluate", methods=["GET", "POST"])
@allow(SIGNED_IN)
def evaluate(entry_id: int):
    entry = db.get_or_404(GoodResultEntry, entry_id)
    if entry.reviewer_id != current_user.id:
        abort(404)
    require(current_user.is_reviewer and current_user.active)
    form = EvaluationForm(obj=entry) if entry.evaluated else EvaluationForm()
    if request.method == "GET" and not entry.evaluated:
        form.eval_trl.data = entry.capability.trl
    done = _("评价已提交，感谢您的支持。")
    submit = lambda: operations.evaluate(entry, form.data, current_user)  # noqa: E731
    if not entry.evaluated and form.validate_on_submit() and views.apply_or_warn(submit, done):
        return redirect(url_for(".reviews"))
    return render_template("good_results/evaluate.html", entry=entry, form=form, capability=entry.capability)


# ---------------------------------------------------------------- template helpers


@bp.app_template_global("good_results_open_list")
def good_results_open_list() -> GoodResultList | None:
    return queries.open_list()


@bp.app_template_global("good_result_entries")
def good_result_entries(capability: Capability) -> list[GoodResultEntry]:
    """For templates/good_results/_capability_panel.html on the capability page."""
    return queries.entries_of_capability(capability.id)
