"""The OpenAPI document is valid, describes exactly the routes there are, and every endpoint's
answers fit it (the `api` client checks each response of the whole API test folder too)."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator, ValidationError
from openapi_spec_validator import validate

from matchmaker.api.openapi import document
from matchmaker.models import CapabilityStatus, ChallengeStatus
from tests.api.conftest import PREFIX, openapi_path

METHODS = {"get", "post", "patch", "put", "delete"}


def test_the_document_is_valid_openapi_3_1():
    validate(document())
    assert document()["openapi"].startswith("3.1")


def test_it_is_served_as_json(api):
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.get_json() == document()


def test_paths_and_methods_match_the_registered_routes(app):
    routes = {
        (openapi_path(rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(PREFIX + "/")
        for method in rule.methods
        if method.lower() in METHODS
    }
    documented = {(path, method) for path, item in document()["paths"].items() for method in item if method in METHODS}
    assert routes == documented


def test_writes_are_documented_as_needing_the_bearer_token():
    for path, item in document()["paths"].items():
        for method in METHODS & item.keys():
            security = item[method]["security"]
            if method == "get":
                assert {} in security, path
            else:
                assert security == [{"bearerAuth": []}], (path, method)
                assert "401" in item[method]["responses"]


def test_every_endpoint_answers_as_documented(api, firm_a, team, token_for, make_challenge, make_capability):
    """One successful call per operation; `api` validates status, body and documented headers."""
    firm, lab = token_for(firm_a), token_for(team)
    challenge = make_challenge(firm_a.organization)
    capability = make_capability(team.organization, applications="机床")
    assert api.get("/api/v1/chains").get_json()["items"]
    assert api.get("/api/v1/challenges?chain=equipment&sort=deadline").status_code == 200
    assert api.get(f"/api/v1/challenges/{challenge.id}", firm).status_code == 200
    new = {"title": "新需求", "chains": ["equipment"], "problem": "问题", "budget_min": None, "deadline": None}
    assert api.post("/api/v1/challenges", firm, json=new).status_code == 201
    assert api.patch(f"/api/v1/challenges/{challenge.id}", firm, json={"version": 1, "goal": "g"}).status_code == 200
    assert api.get("/api/v1/capabilities?trl_min=1&sort=trl").status_code == 200
    assert api.get(f"/api/v1/capabilities/{capability.id}").status_code == 200
    lab_new = {
        "title": "新成果",
        "chains": ["equipment"],
        "team_name": "组",
        "leader": "周",
        "description": "d",
        "trl": 3,
    }
    assert api.post("/api/v1/capabilities", lab, json=lab_new).status_code == 201
    assert api.patch(f"/api/v1/capabilities/{capability.id}", lab, json={"version": 1, "ip": "专利"}).status_code == 200


@pytest.mark.parametrize(("schema", "enum"), [("Challenge", ChallengeStatus), ("Capability", CapabilityStatus)])
def test_status_enums_come_from_the_models(schema, enum):
    assert document()["components"]["schemas"][schema]["properties"]["status"]["enum"] == [m.value for m in enum]


def test_a_response_with_an_undocumented_field_would_fail():
    """The conformance check is strict: schemas forbid properties they do not name."""
    components = document()["components"]
    validator = Draft202012Validator({"$ref": "#/components/schemas/Chain", "components": components})
    validator.validate({"code": "it", "name": "信息", "name_en": "", "active": True})
    with pytest.raises(ValidationError):
        validator.validate({"code": "it", "name": "信息", "name_en": "", "active": True, "secret": 1})
