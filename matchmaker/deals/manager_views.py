"""The organisers' page of technology managers: appoint (职称, chains) and retire."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import allow
from matchmaker.deals import managers, queries
from matchmaker.deals.blueprint import ORGANISERS, bp
from matchmaker.deals.errors import DealError
from matchmaker.deals.forms import AppointForm, ButtonForm
from matchmaker.extensions import db
from matchmaker.form_choices import choices
from matchmaker.models import User
from matchmaker.pagination import paginate


def _chain_choices() -> list:
    return choices((c.id, c.name) for c in queries.chains())


def _page(search: str, failed: tuple[int, AppointForm] | None = None, status: int = 200):
    page = paginate(queries.manager_candidates(search))
    forms = {}
    for user in page.items:
        if failed and failed[0] == user.id:
            forms[user.id] = failed[1]
            continue
        form = AppointForm(
            formdata=None,
            data={"title": user.title, "chains": [str(c.id) for c in managers.chains_of(user)]},
            prefix=f"u{user.id}",
        )
        form.chains.choices = _chain_choices()
        forms[user.id] = form
    return render_template("deals/managers.html", page=page, search=search, forms=forms), status


@bp.route("/managers")
@allow(*ORGANISERS)
def manager_list():
    return _page(request.args.get("q", "").strip()[:60])


@bp.route("/managers/<int:user_id>", methods=["POST"])
@allow(*ORGANISERS)
def appoint(user_id: int):
    user = db.get_or_404(User, user_id)
    search = request.args.get("q", "").strip()[:60]
    form = AppointForm(prefix=f"u{user.id}")
    form.chains.choices = _chain_choices()
    if not form.validate_on_submit():
        return _page(search, (user.id, form), 400)
    try:
        managers.appoint(user, form.title.data, [int(c) for c in form.chains.data], current_user)
    except DealError as error:
        db.session.rollback()
        form.title.errors = [str(error)]
        flash(str(error), "warning")  # the user may not be on the page shown (a firm's account)
        return _page(search, (user.id, form), 400)
    db.session.commit()
    flash(_("已聘任 %(name)s 为技术经理人。", name=user.name), "success")
    return redirect(url_for(".manager_list", q=search))


@bp.route("/managers/<int:user_id>/retire", methods=["POST"])
@allow(*ORGANISERS)
def retire(user_id: int):
    user = db.get_or_404(User, user_id)
    if ButtonForm().validate_on_submit() and user.is_tech_manager:
        released = managers.retire(user, current_user)
        db.session.commit()
        flash(_("已解聘 %(name)s，%(n)d 项未完成的跟进待重新分派。", name=user.name, n=released), "success")
    return redirect(url_for(".manager_list", q=request.args.get("q", "")))
