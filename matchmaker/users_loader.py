"""flask-login wiring: load the signed-in user; an inactive user is treated as signed out.

The id kept in the session and in the remember cookie is "user id.session generation"
(User.get_id), so bumping the generation (password change, sign-out, deactivation, an
organiser's reset) ends every session and remember cookie of that user at once.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, g, session
from flask_babel import lazy_gettext as _l
from flask_login import user_loaded_from_cookie

from matchmaker.extensions import db, login_manager
from matchmaker.models import User

REMEMBER_FOR = timedelta(days=30)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _sep, generation = session_id.partition(".")
    if not (user_id.isdigit() and generation.isdigit()) or len(user_id) > 18:
        return None  # also every session issued before generations existed
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or str(user.session_generation) != generation:
        return None
    return user


def _mark_restored_session(_app: Flask, user: User) -> None:
    # A session rebuilt from the remember cookie gets this client's identifier, so session
    # protection does not take it for a stolen session on the next request.
    session["_id"] = login_manager._session_identifier_generator()


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.login_message_category = "warning"
    # "basic": a session seen from another address or browser is marked not fresh instead of
    # dropped, so 保持登录 survives a changed network; stolen cookies die with the generation.
    login_manager.session_protection = "basic"
    app.config.setdefault("REMEMBER_COOKIE_DURATION", REMEMBER_FOR)
    user_loaded_from_cookie.connect(_mark_restored_session, app)

    @app.before_request
    def _load_user_per_request() -> None:
        # The user comes from this request's cookies, never from an app context that an earlier
        # request left behind (the test client shares one), so ended sessions are really ended.
        g.pop("_login_user", None)
