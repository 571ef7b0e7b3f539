from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from matchmaker.auth.forms import ChangePasswordForm, LoginForm, SignupForm
from matchmaker.auth.operations import AuthError, Signup, authenticate, change_password, sign_up
from matchmaker.authz import PUBLIC, SIGNED_IN, allow
from matchmaker.extensions import db, limiter
from matchmaker.form_choices import choices
from matchmaker.models import Chain

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _safe_next(target: str | None) -> str:
    # Only same-site relative paths: never an open redirect.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_login_limit, methods=["POST"], error_message="登录尝试过于频繁，请稍后再试。")
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
            login_user(user, remember=form.remember.data)
            flash(_("欢迎回来，%(name)s。", name=user.name), "success")
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@allow(SIGNED_IN)
def logout():
    logout_user()
    flash(_("您已退出登录。"), "info")
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
            user = sign_up(data)
        except AuthError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            login_user(user)
            flash(_("注册成功。单位信息待组织方审核，审核通过前可以保存草稿，但暂不能发布。"), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/signup.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@allow(SIGNED_IN)
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current.data, form.password.data)
        except AuthError as error:
            form.current.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("密码已修改。"), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/password.html", form=form)
