"""The token page (cookie session, CSRF as usual) and the nested /api/v1 blueprint."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.api import capabilities, chains, challenges, docs, operations, queries  # noqa: F401
from matchmaker.api.forms import TokenForm
from matchmaker.api.v1 import v1
from matchmaker.authz import SIGNED_IN, allow
from matchmaker.extensions import db
from matchmaker.models import ApiToken

bp = Blueprint("api", __name__)
# capabilities, chains, challenges and docs attach their views to v1 when imported above.
bp.register_blueprint(v1)


@bp.route("/account/api-tokens", methods=["GET", "POST"])
@allow(SIGNED_IN)
def tokens():
    form = TokenForm()
    issued = None
    if form.validate_on_submit():
        try:
            issued = operations.create_token(current_user, form.name.data)
        except operations.TokenError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            form = TokenForm(formdata=None)
    response = make_response(
        render_template("api/tokens.html", form=form, issued=issued, tokens=queries.tokens_of(current_user))
    )
    if issued is not None:
        response.headers["Cache-Control"] = "no-store"  # the secret must not linger in any cache
    return response


@bp.route("/account/api-tokens/<int:token_id>/revoke", methods=["POST"])
@allow(SIGNED_IN)
def revoke(token_id: int):
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != current_user.id:
        abort(404)  # another user's token: do not even confirm it exists
    try:
        operations.revoke_token(token, current_user)
    except operations.TokenError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(_("已撤销令牌“%(name)s”，使用它的请求将立即被拒绝。", name=token.name), "success")
    return redirect(url_for(".tokens"))
