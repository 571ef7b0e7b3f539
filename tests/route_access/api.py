"""The API token page (cookie session) and /api/v1 (bearer token only).

The route walk signs personas in with the cookie session, which the API ignores: API reads
answer as to the public (a draft is 404 even to its owner) and API writes are 401 for everyone.
"""

from tests.route_access import LOGIN, MISSING, OK, PERSONAS, REDIRECT, every, signed_in

UNAUTHORIZED = 401


def _token_url(world) -> str:
    from matchmaker.api.operations import create_token
    from matchmaker.extensions import db

    token = create_token(world.firm_a, "路由测试").token
    db.session.commit()
    return f"/account/api-tokens/{token.id}/revoke"


ROUTES = {
    "api.tokens": ("GET", lambda w: "/account/api-tokens", signed_in(OK)),
    "api.revoke": (
        "POST",
        _token_url,
        {"anon": LOGIN, **dict.fromkeys(PERSONAS[1:], MISSING), "firm_a": REDIRECT},
    ),
    "api.v1.openapi": ("GET", lambda w: "/api/v1/openapi.json", every(OK)),
    "api.v1.list_chains": ("GET", lambda w: "/api/v1/chains", every(OK)),
    "api.v1.list_challenges": ("GET", lambda w: "/api/v1/challenges", every(OK)),
    "api.v1.get_challenge": ("GET", lambda w: f"/api/v1/challenges/{w.published.id}", every(OK)),
    "api.v1.get_challenge#draft": ("GET", lambda w: f"/api/v1/challenges/{w.draft.id}", every(MISSING)),
    "api.v1.create_challenge": ("POST", lambda w: "/api/v1/challenges", every(UNAUTHORIZED)),
    "api.v1.update_challenge": ("PATCH", lambda w: f"/api/v1/challenges/{w.published.id}", every(UNAUTHORIZED)),
    "api.v1.list_capabilities": ("GET", lambda w: "/api/v1/capabilities", every(OK)),
    "api.v1.get_capability": ("GET", lambda w: f"/api/v1/capabilities/{w.capability.id}", every(OK)),
    "api.v1.get_capability#draft": (
        "GET",
        lambda w: f"/api/v1/capabilities/{w.capability_draft.id}",
        every(MISSING),
    ),
    "api.v1.create_capability": ("POST", lambda w: "/api/v1/capabilities", every(UNAUTHORIZED)),
    "api.v1.update_capability": (
        "PATCH",
        lambda w: f"/api/v1/capabilities/{w.capability.id}",
        every(UNAUTHORIZED),
    ),
}
