"""Flask-Babel: Chinese is the source language of the UI (msgids are Chinese); the catalogue in
translations/en adds English where the public faces the world (yearly problem list, event pages).

English is opt-in per view: `?lang=en` selects English only on a view marked `@bilingual`
(and on error pages); elsewhere it is ignored, so a page whose text was never translated is
shown wholly in Chinese rather than half in English. On an English page every `url_for` to
another bilingual view keeps `lang=en`, so a visitor stays in English while there is English.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date, datetime
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from flask import Flask, current_app, has_request_context, request
from flask_babel import force_locale, format_date, get_locale, refresh
from flask_babel import gettext as _
from markupsafe import Markup, escape

from matchmaker.config import REPO_ROOT
from matchmaker.extensions import babel

SUPPORTED_LOCALES = ("zh_CN", "en")
ENGLISH = "en"
F = TypeVar("F", bound=Callable[..., Any])


def bilingual(view: F | None = None, *, when: Callable[[], bool] | None = None) -> Any:
    """Mark a view whose page is wholly translated: `@bilingual`, or `@bilingual(when=...)` when
    only some of its pages are (e.g. the home page for visitors, not the signed-in dashboards)."""

    def decorate(fn: F) -> F:
        fn.english_when = when or (lambda: True)  # type: ignore[attr-defined]
        return fn

    return decorate(view) if view is not None else decorate


def has_english(endpoint: str | None) -> bool:
    """Whether the view behind `endpoint` renders in English for this request."""
    view = current_app.view_functions.get(endpoint) if endpoint else None
    when = getattr(view, "english_when", None)
    return bool(when and when())


def english_requested() -> bool:
    return has_request_context() and request.args.get("lang") == ENGLISH


def select_locale() -> str:
    # Tasks and CLI commands translate too, outside any request: always Chinese there.
    if english_requested() and has_english(request.endpoint):
        return ENGLISH
    return "zh_CN"


def is_english() -> bool:
    return str(get_locale()) == ENGLISH


def error_page_language() -> AbstractContextManager[object]:
    """Error pages are wholly translated: ?lang=en gets one in English whichever view failed."""
    return force_locale(ENGLISH) if english_requested() else nullcontext()


def _keep_english(endpoint: str, values: dict[str, Any]) -> None:
    """url_defaults: links from an English page to a bilingual page keep lang=en. Pass lang=None
    to url_for to link to the Chinese page on purpose."""
    if "lang" not in values and has_request_context() and is_english() and has_english(endpoint):
        values["lang"] = ENGLISH


def other_language_url() -> str:
    """This page (same path, same query) in the other language, for the language switch."""
    args = request.args.copy()
    if is_english():
        args.poplist("lang")
    else:
        args["lang"] = ENGLISH
    query = urlencode(list(args.items(multi=True)))
    return request.script_root + quote(request.path) + (f"?{query}" if query else "")


def page_has_english() -> bool:
    """For the language switch: an English page, a bilingual view, or a URL no view answers."""
    return is_english() or request.endpoint is None or has_english(request.endpoint)


def en_or_zh(english_text: str | None, chinese_text: str | None, badge: bool = True) -> Markup:
    """A data field in the page's language. Chinese pages show the Chinese text. English pages show
    the English text, or, when there is none, the Chinese marked lang="zh" and (with badge=True,
    for titles and texts; badge=False suits proper names) a visible "Chinese only" badge."""
    if not is_english():
        return Markup(escape(chinese_text or ""))
    if english_text:
        return Markup(escape(english_text))
    if not chinese_text:
        return Markup("")
    marked = Markup('<span lang="zh" class="zh-fallback">{}</span>').format(chinese_text)
    if not badge:
        return marked
    note = Markup('<span class="badge text-bg-light border fw-normal zh-only">{}</span>').format(_("仅有中文"))
    return marked + Markup(" ") + note


def localized_date(moment: date | datetime | None) -> str:
    """A date in the platform's time zone: 2026-03-05 on Chinese pages, March 5, 2026 on English ones."""
    if moment is None:
        return ""
    return format_date(moment, "long" if is_english() else "yyyy-MM-dd")


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(REPO_ROOT / "translations"))
    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel caches the locale on `g`, which outlives a request when an app context is
    # already pushed (tests, scripts): choose afresh for every request.
    app.before_request(refresh)
    app.url_defaults(_keep_english)
    app.context_processor(lambda: {"english": is_english()})
    app.jinja_env.globals.update(
        get_locale=get_locale,
        is_english=is_english,
        en_or_zh=en_or_zh,
        other_language_url=other_language_url,
        page_has_english=page_has_english,
    )
    app.add_template_filter(localized_date, "localized_date")
