"""Walk every registered route as anonymous, firm A, firm B, team and organiser.

The tables in tests/route_access/ must name every endpoint the app registers: a new route
fails this test until someone decides, there, who may reach it.
"""

from __future__ import annotations

import pytest

from matchmaker.models import CapabilityStatus, ChallengeStatus, OrgKind, Role
from tests.route_access import LOGIN, PERSONAS, World, all_routes

ROUTES = all_routes()


@pytest.fixture
def world(make_org, make_user, make_challenge, make_capability) -> World:
    firm_a = make_user(Role.FIRM)
    team = make_user(Role.TEAM)
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
        target_user=make_user(Role.FIRM, org=make_org(OrgKind.FIRM)),
        make_org=make_org,
        make_user=make_user,
        make_challenge=make_challenge,
        make_capability=make_capability,
    )


def test_tables_cover_every_registered_route(app):
    registered = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    named = {name.split("#")[0] for name in ROUTES}
    assert registered - named == set(), "routes without an authorization expectation"
    assert named - registered == set(), "expectations for routes that no longer exist"


def test_every_view_declares_an_access_rule(app):
    views = app.view_functions.items()
    assert [name for name, view in views if name != "static" and not hasattr(view, "access_rule")] == []


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_route_access(client, world, login_as, name, persona):
    method, url_of, expected_by_persona = ROUTES[name]
    if persona != "anon":
        login_as(getattr(world, persona))
    response = client.open(url_of(world), method=method)
    expected = expected_by_persona[persona]
    if expected == LOGIN:
        assert response.status_code in (302, 401), (name, persona, response.status_code)
        if response.status_code == 302:
            assert "/login" in response.headers["Location"], name
    else:
        assert response.status_code == expected, (name, persona, response.status_code)


def test_view_without_rule_is_denied(app):
    """Default deny: a view registered without @allow answers 403 even to anonymous users."""
    from werkzeug.exceptions import Forbidden

    from matchmaker.authz import check_access

    with app.test_request_context("/"), pytest.raises(Forbidden):
        check_access(lambda: "open")
