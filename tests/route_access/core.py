"""Home, accounts and organiser administration."""

from tests.route_access import LOGIN, OK, PERSONAS, REDIRECT, every, only, signed_in

ROUTES = {
    "home.index": ("GET", lambda w: "/", every(OK)),
    "home.favicon": ("GET", lambda w: "/favicon.ico", every(OK)),
    "auth.login": ("GET", lambda w: "/login", {"anon": OK} | dict.fromkeys(PERSONAS[1:], REDIRECT)),
    "auth.signup": ("GET", lambda w: "/signup", every(OK)),
    "auth.signup_sent": ("GET", lambda w: "/signup/sent", every(OK)),
    # A forged link: a clear page with the resend form, for everyone.
    "auth.confirm_signup": ("GET", lambda w: "/signup/confirm/forged.token", every(400)),
    "auth.resend": ("GET", lambda w: "/signup/resend", every(OK)),
    "auth.logout": ("POST", lambda w: "/logout", signed_in(REDIRECT)),
    "auth.password": ("GET", lambda w: "/account/password", signed_in(OK)),
    "organizations.verification_queue": ("GET", lambda w: "/organiser/verification", only(("organiser",))),
    "organizations.verify": (
        "POST",
        lambda w: f"/organiser/organizations/{w.pending_org.id}/verify",
        only(("organiser",), REDIRECT),
    ),
    "organizations.decline": (
        "POST",
        lambda w: f"/organiser/organizations/{w.pending_org.id}/decline",
        only(("organiser",), REDIRECT),
    ),
    "home.organization": ("GET", lambda w: "/organization", only(("firm_a", "firm_b", "team"))),
    "organizations.users": ("GET", lambda w: "/organiser/users", only(("organiser",))),
    "organizations.set_active": (
        "POST",
        lambda w: f"/organiser/users/{w.target_user.id}/active",
        only(("organiser",), REDIRECT),
    ),
    "organizations.sign_out_user": (
        "POST",
        lambda w: f"/organiser/users/{w.target_user.id}/sign-out",
        only(("organiser",), REDIRECT),
    ),
}

__all__ = ["LOGIN", "ROUTES"]
