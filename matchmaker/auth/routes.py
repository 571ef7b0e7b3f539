from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from matchmaker.auth import throttle
from matchmaker.auth.confirmation import LinkError
from matchmaker.auth.forms import (
    ChangePasswordForm,
    LoginForm,
    ResendConfirmationForm,
    SignOutEverywhereForm,
    SignupForm,
)
from matchmaker.auth.operations import (
    AuthError,
    Signup,
    authenticate,
    change_password,
    resend_confirmation,
    sign_out_everywhere,
    sign_up,
)
from matchmaker.auth.operations import confirm_signup as confirm
from matchmaker.authz import PUBLIC, SIGNED_IN, allow
from matchmaker.extensions import db, limiter
from matchmaker.form_choices import choices
from matchmaker.i18n import bilingual
from matchmaker.models import Chain
from matchmaker.redirects import safe_next

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@allow(PUBLIC)
@bilingual
@throttle.sign_in_limits
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data)
        except AuthError as error:
            db.session.commit()  # keep the failure count
            flash(str(error), "danger")
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)  # the home page's heading greets: no flash
            return redirect(safe_next(request.args.get("next"), url_for("home.index")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@allow(SIGNED_IN)
def logout():
    # Ends every session of the account, not only this browser's: a copied session or remember
    # cookie must not outlive the sign-out, and the cookies carry no per-browser server state.
    sign_out_everywhere(current_user, actor=current_user)
    db.session.commit()
    logout_user()
    flash(_("您已退出登录（所有设备上的登录均已失效）。"), "info")
    return redirect(url_for("home.index"))


@bp.route("/signup", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit("10 per hour", methods=["POST"], error_message="注册尝试过于频繁，请稍后再试。")
def signup():
    form = SignupForm()
    active_chains = db.session.scalars(sa.select(Chain).where(Chain.active).order_by(Chain.sort_order))
    form.chains.choices = choices((c.code, c.name) for c in active_chains)
    if form.validate_on_submit():
        data = Signup(
            kind=form.kind.data,
            org_name=form.org_name.data,
            credit_code=form.credit_code.data,
            city=form.city.data,
            chain_codes=form.chains.data,
            name=form.name.data,
            email=form.email.data,
            password=form.password.data,
        )
        try:
            sign_up(data)
        except AuthError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            # The same answer for a new and a taken address: the e-mail tells them apart.
            return redirect(url_for(".signup_sent"))
    return render_template("auth/signup.html", form=form)


@bp.route("/signup/sent")
@allow(PUBLIC)
def signup_sent():
    return render_template("auth/signup_sent.html", hours=current_app.config["SIGNUP_CONFIRM_HOURS"])


@bp.route("/signup/confirm/<token>")
@allow(PUBLIC)
def confirm_signup(token: str):
    try:
        user = confirm(token)
    except (LinkError, AuthError) as error:
        db.session.rollback()
        form = ResendConfirmationForm()
        return render_template("auth/resend.html", form=form, problem=str(error)), 400
    db.session.commit()
    login_user(user)
    flash(_("邮箱已确认，注册完成。单位信息待组织方审核，审核通过前可以保存草稿，但暂不能发布。"), "success")
    return redirect(url_for("home.index"))


@bp.route("/signup/resend", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit("5 per hour", methods=["POST"], error_message="发送过于频繁，请稍后再试。")
def resend():
    form = ResendConfirmationForm()
    if form.validate_on_submit():
        resend_confirmation(form.email.data)
        db.session.commit()
        flash(_("如果该邮箱有尚未确认的注册，我们已重新发送确认邮件。"), "info")
        return redirect(url_for(".signup_sent"))
    return render_template("auth/resend.html", form=form, problem=None)


@bp.route("/account/password", methods=["GET", "POST"])
@allow(SIGNED_IN)
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            revoked = change_password(current_user, form.current.data, form.password.data)
        except AuthError as error:
            form.current.errors.append(str(error))
        else:
            db.session.commit()
            # Every other session ended with the old generation; this browser carries on.
            login_user(current_user._get_current_object(), remember=_remembered())
            flash(_("密码已修改。其他设备上的登录已全部失效，已撤销 %(n)d 个 API 令牌。", n=revoked), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/password.html", form=form, everywhere=SignOutEverywhereForm())


def _remembered() -> bool:
    return current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
