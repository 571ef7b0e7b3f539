"""Flask-Babel: Chinese is the source language of the UI; catalogues add English where the
public faces the world (yearly problem list, event pages)."""

from __future__ import annotations

from flask import Flask, has_request_context, request
from flask_babel import get_locale

from matchmaker.config import REPO_ROOT
from matchmaker.extensions import babel

SUPPORTED_LOCALES = ("zh_CN", "en")


def select_locale() -> str:
    # Tasks and CLI commands translate too, outside any request.
    if has_request_context() and (lang := request.args.get("lang")) in SUPPORTED_LOCALES:
        return lang
    return "zh_CN"


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(REPO_ROOT / "translations"))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
