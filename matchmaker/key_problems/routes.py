"""年度产业关键技术难题榜单: the public page (Chinese and English), its Excel and print versions,
the organisers' curation pages, and the owning firm's English text for its entry."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import PUBLIC, Role, allow, is_organiser, owns, require
from matchmaker.extensions import db
from matchmaker.i18n import bilingual
from matchmaker.imports import xlsx
from matchmaker.key_problems import export, operations, queries
from matchmaker.key_problems.forms import AddEntryForm, ButtonForm, CreateListForm, EditListForm, EnglishForm
from matchmaker.key_problems.kind import KEY_PROBLEMS
from matchmaker.listing import ListFilters
from matchmaker.models import Challenge, KeyProblemEntry, KeyProblemList
from matchmaker.pagination import paginate
from matchmaker.redirects import safe_next
from matchmaker.yearly_lists import views

bp = Blueprint("key_problems", __name__, url_prefix="/key-problems")
ORGANISERS = (Role.ORGANISER, Role.ADMIN)


# ---------------------------------------------------------------- public


def _published_or_404(year: int) -> KeyProblemList:
    return views.published_or_404(KEY_PROBLEMS, year)


def _public_page(kp_list: KeyProblemList | None):
    return render_template("key_problems/public.html", kp_list=kp_list, **views.public_context(KEY_PROBLEMS, kp_list))


@bp.route("/")
@allow(PUBLIC)
@bilingual
def public_list():
    """The latest published year (the navbar links here)."""
    return _public_page(queries.latest_published())


@bp.route("/<int:year>")
@allow(PUBLIC)
@bilingual
def public_year(year: int):
    return _public_page(_published_or_404(year))


@bp.route("/<int:year>.xlsx")
@allow(PUBLIC)
def download(year: int):
    kp_list = _published_or_404(year)
    data = export.workbook(kp_list, queries.grouped(kp_list, public=True))
    return xlsx.download(data, f"{kp_list.title}.xlsx")


@bp.route("/<int:year>/print")
@allow(PUBLIC)
@bilingual
def print_view(year: int):
    kp_list = _published_or_404(year)
    return render_template(
        "key_problems/print.html",
        kp_list=kp_list,
        groups=queries.grouped(kp_list, public=True),
    )


# ---------------------------------------------------------------- organisers


def _list_or_404(year: int) -> KeyProblemList:
    return views.list_or_404(KEY_PROBLEMS, year)


def _entry_of(kp_list: KeyProblemList, entry_id: int) -> KeyProblemEntry:
    return views.entry_of(KEY_PROBLEMS, kp_list, entry_id)


@bp.route("/manage", methods=["GET", "POST"])
@allow(*ORGANISERS)
def manage():
    form = CreateListForm()
    if request.method == "GET":
        taken = {kp.year for kp in queries.all_lists()}
        year = queries.this_year()
        form.year.data = year if year not in taken else max(taken) + 1
        form.target.data = queries.default_target()
    elif form.validate_on_submit():
        try:
            kp_list = operations.create_list(form.year.data, form.target.data, form.title.data, current_user)
        except operations.ListError as error:
            form.year.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("已创建%(title)s。", title=kp_list.title), "success")
            return redirect(url_for(".edit", year=kp_list.year))
    lists = [(kp, queries.entry_count(kp.id)) for kp in queries.all_lists()]
    return render_template("key_problems/manage.html", form=form, lists=lists)


@bp.route("/manage/<int:year>", methods=["GET", "POST"])
@allow(*ORGANISERS)
def edit(year: int):
    kp_list = _list_or_404(year)
    form = EditListForm(obj=kp_list)
    if form.validate_on_submit():
        operations.update_list(kp_list, form.data, current_user)
        db.session.commit()
        flash(_("榜单设置已保存。"), "success")
        return redirect(url_for(".edit", year=year))
    filters = ListFilters.from_request()
    text = request.args.get("q", "").strip()
    return render_template(
        "key_problems/edit.html",
        kp_list=kp_list,
        form=form,
        groups=queries.grouped(kp_list, public=False),
        count=queries.entry_count(kp_list.id),
        pool=paginate(queries.pool(kp_list, filters.chain, text), per_page=10),
        filters=filters,
        text=text,
        button=ButtonForm(),
        shown=queries.SHOWN,
        gaps=operations.publish_gaps(kp_list),
    )


@bp.route("/manage/<int:year>/entries", methods=["POST"])
@allow(*ORGANISERS)
def add_entry(year: int):
    kp_list = _list_or_404(year)
    form = AddEntryForm()
    if form.validate_on_submit():
        challenge = db.get_or_404(Challenge, form.challenge_id.data)
        views.apply_or_warn(
            lambda: operations.add_entry(kp_list, challenge, current_user),
            _("已选入：%(title)s", title=challenge.title),
        )
    else:
        views.warn_invalid(form)
    # Keep the pool's filters and page after an add; only a path on this site is followed.
    return redirect(safe_next(request.form.get("next_url"), url_for(".edit", year=year)))


@bp.route("/manage/<int:year>/entries/<int:entry_id>/remove", methods=["POST"])
@allow(*ORGANISERS)
def remove_entry(year: int, entry_id: int):
    kp_list = _list_or_404(year)
    entry = _entry_of(kp_list, entry_id)
    if ButtonForm().validate_on_submit():
        title = entry.challenge.title
        operations.remove_entry(entry, current_user)
        db.session.commit()
        flash(_("已移出：%(title)s", title=title), "info")
    return redirect(url_for(".edit", year=year))


@bp.route("/manage/<int:year>/entries/<int:entry_id>/<any(up, down):direction>", methods=["POST"])
@allow(*ORGANISERS)
def move_entry(year: int, entry_id: int, direction: str):
    kp_list = _list_or_404(year)
    entry = _entry_of(kp_list, entry_id)
    if ButtonForm().validate_on_submit():
        operations.move_entry(entry, -1 if direction == "up" else 1)
        db.session.commit()
    return redirect(url_for(".edit", year=year, _anchor=f"entry-{entry.id}"))


@bp.route("/manage/<int:year>/publish", methods=["POST"])
@allow(*ORGANISERS)
def publish(year: int):
    # A list short of its target or lacking English goes out only with the box "仍然发布" ticked.
    confirmed = request.form.get("confirm_gaps") == "1"
    return _publishing(year, lambda kp_list, user: operations.publish(kp_list, user, confirmed), _("榜单已发布。"))


@bp.route("/manage/<int:year>/unpublish", methods=["POST"])
@allow(*ORGANISERS)
def unpublish(year: int):
    return _publishing(year, operations.unpublish, _("榜单已撤回，公众不再可见。"))


def _publishing(year: int, change, done: str):
    return views.publishing(_list_or_404(year), ButtonForm(), change, done, ".edit")


# ---------------------------------------------------------------- English text of one entry


@bp.route("/entries/<int:entry_id>/english", methods=["GET", "POST"])
@allow(Role.FIRM, *ORGANISERS)
def english(entry_id: int):
    entry = db.get_or_404(KeyProblemEntry, entry_id)
    require(is_organiser(current_user) or owns(current_user, entry.challenge))
    form = EnglishForm(obj=entry)
    if form.validate_on_submit():
        operations.update_english(entry, form.title_en.data, form.summary_en.data, current_user)
        db.session.commit()
        flash(_("英文标题和摘要已保存。"), "success")
        if is_organiser(current_user):
            return redirect(url_for(".edit", year=entry.list.year, _anchor=f"entry-{entry.id}"))
        return redirect(url_for(".mine"))
    return render_template("key_problems/english.html", entry=entry, form=form)


@bp.route("/mine")
@allow(Role.FIRM)
def mine():
    """The firm's challenges that were selected into a yearly list."""
    entries = queries.entries_of_organization(current_user.organization_id)
    return render_template("key_problems/mine.html", entries=entries)


# ---------------------------------------------------------------- template helpers


@bp.app_template_global("key_problem_progress")
def key_problem_progress(year: int | None = None) -> dict:
    """For templates/key_problems/_home_progress.html on the organiser's home page."""
    return queries.progress(year or queries.this_year())


@bp.app_template_global("key_problem_entries")
def key_problem_entries(challenge: Challenge) -> list[KeyProblemEntry]:
    """For templates/key_problems/_challenge_panel.html on the challenge page."""
    return queries.entries_of_challenge(challenge.id)
