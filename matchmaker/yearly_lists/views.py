"""View helpers every yearly list's blueprint shares: finding a year's list (published, for the
public), an entry of it, and the publish / unpublish / move buttons' common handling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, url_for
from flask_login import current_user

from matchmaker.extensions import db
from matchmaker.view_writes import attempt
from matchmaker.yearly_lists import operations, queries
from matchmaker.yearly_lists.kind import YearlyKind


def list_or_404(kind: YearlyKind, year: int) -> Any:
    the_list = queries.by_year(kind, year)
    if the_list is None:
        abort(404)
    return the_list


def published_or_404(kind: YearlyKind, year: int) -> Any:
    the_list = list_or_404(kind, year)
    if the_list.published_at is None:
        abort(404)
    return the_list


def entry_of(kind: YearlyKind, the_list: Any, entry_id: int) -> Any:
    entry = db.get_or_404(kind.entry_model, entry_id)
    if entry.list_id != the_list.id:
        abort(404)
    return entry


def public_context(kind: YearlyKind, the_list: Any) -> dict[str, Any]:
    """What the public page of a year (or of no year yet) shows."""
    groups = queries.grouped(kind, the_list, public=True) if the_list else []
    return {"groups": groups, "total": sum(len(g.entries) for g in groups), "years": queries.published_years(kind)}


def warn_invalid(form: Any) -> None:
    """Say why a posted button's form was refused (e.g. an id beyond MAX_ID), instead of nothing."""
    for errors in form.errors.values():
        for error in errors:
            flash(str(error), "warning")


def apply_or_warn(change: Callable[[], None], done: str) -> bool:
    """Run a write that may raise ListError: commit and flash `done`, or roll back and flash why."""
    return attempt(change, operations.ListError, done) is not None


def publishing(the_list: Any, button: Any, change: Callable[[Any, Any], None], done: str, back: str):
    """The publish and unpublish buttons: `change(list, user)` once the CSRF token checks out."""
    if button.validate_on_submit():
        apply_or_warn(lambda: change(the_list, current_user), done)
    return redirect(url_for(back, year=the_list.year))
