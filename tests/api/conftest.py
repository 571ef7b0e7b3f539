"""API fixtures: tokens, and a client that checks every response against the OpenAPI document."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.test import TestResponse

from matchmaker.api import operations
from matchmaker.api.openapi import document
from matchmaker.extensions import db as _db
from matchmaker.models import OrgKind, Role, User

PREFIX = "/api/v1"


def openapi_path(rule: str) -> str:
    """'/api/v1/challenges/<int:challenge_id>' → '/challenges/{id}'."""
    return re.sub(r"<(?:[^:>]+:)?[^>]+>", "{id}", rule.removeprefix(PREFIX))


def response_spec(operation: dict[str, Any], status: int) -> dict[str, Any]:
    spec = operation["responses"][str(status)]
    if "$ref" in spec:
        spec = document()["components"]["responses"][spec["$ref"].rsplit("/", 1)[1]]
    return spec


def assert_conforms(app: Flask, method: str, url: str, response: TestResponse) -> None:
    """The response's status is documented for its operation and its body fits the schema."""
    path = url.split("?", 1)[0]
    components = document()["components"]
    try:
        rule, _args = app.url_map.bind("localhost").match(path, method=method, return_rule=True)
    except (NotFound, MethodNotAllowed):
        schema: dict[str, Any] = {"$ref": "#/components/schemas/Error"}
        headers: dict[str, Any] = {}
    else:
        operation = document()["paths"][openapi_path(rule.rule)][method.lower()]
        assert str(response.status_code) in operation["responses"], (
            f"{method} {path} answered {response.status_code}, not documented: {response.get_data(as_text=True)}"
        )
        spec = response_spec(operation, response.status_code)
        schema = spec["content"]["application/json"].get("schema", {})
        headers = spec.get("headers", {})
    assert response.mimetype == "application/json", (method, url, response.status_code)
    Draft202012Validator({**schema, "components": components}).validate(response.get_json())
    for name in headers:
        assert name in response.headers, f"documented header {name} missing from {method} {path}"


class ApiClient:
    """Calls the API with an optional bearer token and checks each response against the document."""

    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self.app, self.client = app, client

    def request(self, method: str, url: str, token: str | None = None, **kwargs: Any) -> TestResponse:
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = self.client.open(url, method=method, headers=headers, **kwargs)
        assert_conforms(self.app, method, url, response)
        return response

    def get(self, url: str, token: str | None = None, **kwargs: Any) -> TestResponse:
        return self.request("GET", url, token, **kwargs)

    def post(self, url: str, token: str | None = None, **kwargs: Any) -> TestResponse:
        return self.request("POST", url, token, **kwargs)

    def patch(self, url: str, token: str | None = None, **kwargs: Any) -> TestResponse:
        return self.request("PATCH", url, token, **kwargs)


@pytest.fixture
def api(app: Flask, client: FlaskClient) -> ApiClient:
    return ApiClient(app, client)


@pytest.fixture
def token_for(db: object):
    """token_for(user) → a fresh secret for that user's new token."""

    def make(user: User, name: str = "测试令牌") -> str:
        issued = operations.create_token(user, name)
        _db.session.commit()
        return issued.secret

    return make


@pytest.fixture
def firm_a(make_user) -> User:
    return make_user(Role.FIRM)


@pytest.fixture
def firm_b(make_user) -> User:
    return make_user(Role.FIRM)


@pytest.fixture
def pending_firm(make_user, make_org) -> User:
    return make_user(Role.FIRM, org=make_org(OrgKind.FIRM, verified=False))
