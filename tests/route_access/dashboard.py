"""The organiser dashboard (organisers only) and the public results page (everyone)."""

from tests.route_access import FORBIDDEN, MISSING, every, only

ORGANISER_PAGE = only(("organiser",))

ROUTES = {
    "dashboard.index": ("GET", lambda w: "/dashboard/?year=2025&chain=nope&city=x", ORGANISER_PAGE),
    "dashboard.download": ("GET", lambda w: "/dashboard/funnel.xlsx", ORGANISER_PAGE),
    "dashboard.download#unknown": ("GET", lambda w: "/dashboard/secret.xlsx", only(("organiser",), MISSING)),
    "dashboard.targets_form": ("GET", lambda w: "/dashboard/targets", ORGANISER_PAGE),
    "dashboard.targets_form#post": (
        "POST",
        lambda w: "/dashboard/targets?year=2025",
        only(("organiser",), 200, FORBIDDEN),  # an empty form comes back with its messages
    ),
    "dashboard.results_latest": ("GET", lambda w: "/results/", every(200)),
    "dashboard.results": ("GET", lambda w: "/results/2025?lang=en", every(200)),
    "dashboard.results#unknown_year": ("GET", lambda w: "/results/1900", every(MISSING)),
    "dashboard.results#huge_year": ("GET", lambda w: "/results/99999999999999", every(MISSING)),
}
