"""Walk every registered route as anonymous, firm A, firm B, team and organiser.

The table below must name every endpoint the app registers: a new route fails this test until
someone decides, here, who may reach it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from matchmaker.models import CapabilityStatus, ChallengeStatus, OrgKind, Role

PERSONAS = ("anon", "firm_a", "firm_b", "team", "organiser")
OK, LOGIN, FORBIDDEN, MISSING, REDIRECT = 200, "login", 403, 404, 302


@dataclass
class World:
    firm_a: object
    firm_b: object
    team: object
    organiser: object
    published: object
    draft: object
    capability: object
    capability_draft: object
    pending_org: object
    target_user: object


@pytest.fixture
def world(make_org, make_user, make_challenge, make_capability) -> World:
    firm_a = make_user(Role.FIRM)
    team = make_user(Role.TEAM)
    target_org = make_org(OrgKind.FIRM)
    return World(
        firm_a=firm_a,
        firm_b=make_user(Role.FIRM),
        team=team,
        organiser=make_user(Role.ORGANISER),
        published=make_challenge(firm_a.organization),
        draft=make_challenge(firm_a.organization, status=ChallengeStatus.DRAFT),
        capability=make_capability(team.organization),
        capability_draft=make_capability(team.organization, status=CapabilityStatus.DRAFT),
        pending_org=make_org(OrgKind.FIRM, verified=False),
        target_user=make_user(Role.FIRM, org=target_org),
    )


def every(status):
    return dict.fromkeys(PERSONAS, status)


def signed_in(status, anon=LOGIN):
    return {"anon": anon, **dict.fromkeys(PERSONAS[1:], status)}


def only(allowed: tuple[str, ...], status=OK):
    return {p: (status if p in allowed else FORBIDDEN) for p in PERSONAS} | {"anon": LOGIN}


# endpoint -> (method, url(world), {persona: expected})
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


def test_table_covers_every_registered_route(app):
    registered = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    named = {name.split("#")[0] for name in ROUTES}
    assert registered - named == set(), "routes without an authorization expectation"
    assert named - registered == set(), "expectations for routes that no longer exist"


def test_every_view_declares_an_access_rule(app):
    missing = [
        name for name, view in app.view_functions.items() if name != "static" and not hasattr(view, "access_rule")
    ]
    assert missing == []


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_route_access(app, client, world, login_as, name, persona):
    method, url_of, expected_by_persona = ROUTES[name]
    if persona != "anon":
        login_as(getattr(world, persona))
    response = client.open(url_of(world), method=method)
    expected = expected_by_persona[persona]
    if expected == LOGIN:
        assert response.status_code == 302 and "/login" in response.headers["Location"], name
    else:
        assert response.status_code == expected, (name, persona, response.status_code)


def test_view_without_rule_is_denied(app, client):
    """Default deny: a view registered without @allow answers 403 even to anonymous users."""
    from matchmaker.authz import check_access

    with app.test_request_context("/"), pytest.raises(Exception) as raised:
        check_access(lambda: "open")
    assert getattr(raised.value, "code", None) == 403
