"""The English catalogue: every string of the public pages is in it, translated and not fuzzy;
it compiles without format errors; and the compiled .mo the app reads matches the .po."""

from __future__ import annotations

import io
from gettext import GNUTranslations

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from matchmaker.config import REPO_ROOT

PO = REPO_ROOT / "translations/en/LC_MESSAGES/messages.po"
MO = PO.with_suffix(".mo")

# The files whose every string a visitor of an English page can see.
PUBLIC_SOURCES = {
    "jinja2": [
        "templates/base.html",
        "templates/_lang_switch.html",
        "templates/macros.html",
        "templates/notifications/_nav_badge.html",
        "templates/deals/_user_menu.html",
        "templates/errors/error.html",
        "templates/home/public.html",
        "templates/auth/login.html",
        "templates/key_problems/public.html",
        "templates/key_problems/print.html",
        "templates/yearly_lists/_public.html",
        "templates/good_results/public.html",
        "templates/good_results/print.html",
        "templates/dashboard/results.html",
    ],
    "python": ["matchmaker/i18n.py"],
}
KEYWORDS = DEFAULT_KEYWORDS | {"_l": None, "lazy_gettext": None}


def _catalogue():
    with PO.open("rb") as f:
        return read_po(f)


def _translated(message) -> bool:
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(forms)


def _public_msgids() -> list[tuple[str, str]]:
    found = []
    for method, paths in PUBLIC_SOURCES.items():
        for path in paths:
            options = {"silent": "false"} if method == "jinja2" else None
            for _line, message, *_ in extract_from_file(method, REPO_ROOT / path, KEYWORDS, (), options):
                found.append((path, message[0] if isinstance(message, tuple) else message))
    return found


def test_every_public_string_is_translated():
    catalogue = _catalogue()
    public = _public_msgids()
    assert len(public) > 80  # the extraction itself works
    problems = []
    for path, msgid in public:
        message = catalogue.get(msgid)
        if message is None:
            problems.append(f"{path}: {msgid!r} is not in the catalogue (make i18n-update, then translate)")
        elif message.fuzzy:
            problems.append(f"{path}: {msgid!r} is fuzzy (check the English, then drop the fuzzy flag)")
        elif not _translated(message):
            problems.append(f"{path}: {msgid!r} has no English")
    assert not problems, "\n".join(problems)


def test_catalogue_compiles_without_format_errors():
    catalogue = _catalogue()
    errors = [(message.id, [str(e) for e in errs]) for message, errs in catalogue.check()]
    assert not errors
    write_mo(io.BytesIO(), catalogue)


def test_compiled_catalogue_matches_the_po():
    """The app reads the .mo: an edit to the .po that was not compiled would go unseen."""
    if not MO.exists():
        pytest.fail(f"{MO} is missing: run `make i18n-compile` (make setup builds it)")
    with MO.open("rb") as f:
        compiled = GNUTranslations(f)
    stale = []
    for message in _catalogue():
        if not message.id or message.fuzzy or not message.string:
            continue
        if isinstance(message.id, tuple):
            got, want = compiled.ngettext(message.id[0], message.id[1], 2), message.string[1]
        else:
            got, want = compiled.gettext(message.id), message.string
        if got != want:
            stale.append(message.id)
    assert not stale, f"{MO} is older than the .po for {stale[:5]}: run `make i18n-compile`"
