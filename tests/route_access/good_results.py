"""山东好成果: public pages for published years; organisers select; the owning team writes English
and nominates; the invited reviewer evaluates."""

from datetime import UTC, datetime

from matchmaker.extensions import db
from matchmaker.models import GoodResultEntry, GoodResultList, ResultEntryStatus
from tests.route_access import FORBIDDEN, LOGIN, MISSING, OK, REDIRECT, every, only

ORGANISER_REDIRECT = only(("organiser",), REDIRECT)


def _list(w, published: bool = True, year: int = 2026) -> GoodResultList:
    the_list = GoodResultList(
        year=year, title=f"{year}年度山东好成果", published_at=datetime.now(UTC) if published else None
    )
    the_list.entries.append(GoodResultEntry(capability=w.capability, position=1, status=ResultEntryStatus.SELECTED))
    db.session.add(the_list)
    db.session.flush()
    return the_list


def _year_url(suffix: str = "", published: bool = True):
    return lambda w: f"/good-results/{_list(w, published).year}{suffix}"


def _manage_url(suffix: str = "", published: bool = False):
    return lambda w: f"/good-results/manage/{_list(w, published).year}{suffix}"


def _entry_url(suffix: str):
    def url(w) -> str:
        the_list = _list(w, published=False)
        return f"/good-results/manage/{the_list.year}/entries/{the_list.entries[0].id}{suffix}"

    return url


def _english_url(w) -> str:
    return f"/good-results/entries/{_list(w).entries[0].id}/english"


def _evaluate_url(w) -> str:
    # The entry's invited reviewer is firm B (appointed for the table); every other persona is a stranger.
    w.firm_b.is_reviewer = True
    entry = _list(w).entries[0]
    entry.reviewer_id = w.firm_b.id
    db.session.flush()
    return f"/good-results/entries/{entry.id}/evaluate"


def _reviews_url(w) -> str:
    w.firm_b.is_reviewer = True
    db.session.flush()
    return "/good-results/reviews"


def _nominate_url(w) -> str:
    _list(w, published=False)
    return "/good-results/nominate"


ROUTES = {
    "good_results.public_list": ("GET", lambda w: "/good-results/", every(OK)),
    "good_results.public_list#published": ("GET", lambda w: _year_url()(w) and "/good-results/?lang=en", every(OK)),
    "good_results.public_year": ("GET", _year_url(), every(OK)),
    "good_results.public_year#unpublished": ("GET", _year_url(published=False), every(MISSING)),
    "good_results.download": ("GET", _year_url(".xlsx"), every(OK)),
    "good_results.download#unpublished": ("GET", _year_url(".xlsx", published=False), every(MISSING)),
    "good_results.print_view": ("GET", _year_url("/print"), every(OK)),
    "good_results.print_view#unpublished": ("GET", _year_url("/print", published=False), every(MISSING)),
    "good_results.manage": ("GET", lambda w: "/good-results/manage", only(("organiser",))),
    "good_results.edit": ("GET", _manage_url(), only(("organiser",))),
    "good_results.add_entry": ("POST", _manage_url("/entries"), ORGANISER_REDIRECT),
    "good_results.accept_entry": ("POST", _entry_url("/accept"), ORGANISER_REDIRECT),
    "good_results.remove_entry": ("POST", _entry_url("/remove"), ORGANISER_REDIRECT),
    "good_results.move_entry": ("POST", _entry_url("/up"), ORGANISER_REDIRECT),
    "good_results.assign_reviewer": ("GET", _entry_url("/reviewer"), only(("organiser",))),
    "good_results.publish": ("POST", _manage_url("/publish"), ORGANISER_REDIRECT),
    "good_results.unpublish": ("POST", _manage_url("/unpublish", published=True), ORGANISER_REDIRECT),
    "good_results.english": (
        "GET",
        _english_url,
        {"anon": LOGIN, "firm_a": FORBIDDEN, "firm_b": FORBIDDEN, "team": OK, "organiser": OK},
    ),
    "good_results.mine": ("GET", lambda w: "/good-results/mine", only(("team",))),
    "good_results.nominate": ("POST", _nominate_url, only(("team",), REDIRECT)),
    "good_results.reviews": (
        "GET",
        _reviews_url,
        {"anon": LOGIN, "firm_a": FORBIDDEN, "firm_b": OK, "team": FORBIDDEN, "organiser": FORBIDDEN},
    ),
    "good_results.evaluate": (
        "GET",
        _evaluate_url,
        {"anon": LOGIN, "firm_a": MISSING, "firm_b": OK, "team": MISSING, "organiser": MISSING},
    ),
}

__all__ = ["ROUTES"]
