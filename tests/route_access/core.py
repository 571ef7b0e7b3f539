"""Home, accounts, organiser administration, challenge and capability browsing."""

from tests.route_access import LOGIN, MISSING, OK, PERSONAS, REDIRECT, every, only, signed_in

ROUTES = {
    "home.index": ("GET", lambda w: "/", every(OK)),
    "auth.login": ("GET", lambda w: "/login", {"anon": OK} | dict.fromkeys(PERSONAS[1:], REDIRECT)),
    "auth.signup": ("GET", lambda w: "/signup", every(OK)),
    "auth.logout": ("POST", lambda w: "/logout", signed_in(REDIRECT)),
    "auth.password": ("GET", lambda w: "/account/password", signed_in(OK)),
    "challenges.index": ("GET", lambda w: "/challenges/", every(OK)),
    "challenges.mine": ("GET", lambda w: "/challenges/mine", only(("firm_a", "firm_b"))),
    "challenges.detail": ("GET", lambda w: f"/challenges/{w.published.id}", every(OK)),
    "challenges.detail#draft": (
        "GET",
        lambda w: f"/challenges/{w.draft.id}",
        {"anon": MISSING, "firm_a": OK, "firm_b": MISSING, "team": MISSING, "organiser": OK},
    ),
    "capabilities.index": ("GET", lambda w: "/capabilities/", every(OK)),
    "capabilities.mine": ("GET", lambda w: "/capabilities/mine", only(("team",))),
    "capabilities.detail": ("GET", lambda w: f"/capabilities/{w.capability.id}", every(OK)),
    "capabilities.detail#draft": (
        "GET",
        lambda w: f"/capabilities/{w.capability_draft.id}",
        {"anon": MISSING, "firm_a": MISSING, "firm_b": MISSING, "team": OK, "organiser": OK},
    ),
    "organizations.verification_queue": ("GET", lambda w: "/organiser/verification", only(("organiser",))),
    "organizations.verify": (
        "POST",
        lambda w: f"/organiser/organizations/{w.pending_org.id}/verify",
        only(("organiser",), REDIRECT),
    ),
    "organizations.users": ("GET", lambda w: "/organiser/users", only(("organiser",))),
    "organizations.set_active": (
        "POST",
        lambda w: f"/organiser/users/{w.target_user.id}/active",
        only(("organiser",), REDIRECT),
    ),
}

__all__ = ["LOGIN", "ROUTES"]
