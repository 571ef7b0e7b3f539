"""schemathesis against /api/v1/openapi.json: generated requests, valid and invalid, to every
operation, with a firm's token. No answer may be a 500, and every answer must fit the document:
a documented status, the documented content type, body schema and headers. Rate limits are off in
the test app (tests/conftest.py); the examples per operation are bounded to keep the suite quick.

Not checked: that every schema-valid request is accepted (business rules such as "unknown chain
code" are not expressed in the schema) and that every schema-invalid one is refused (the API is
lenient where that is harmless); both are schemathesis checks with no bearing on "no 500, answers
as documented"."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    ignored_auth,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from matchmaker.api import operations
from matchmaker.api.openapi import document
from matchmaker.extensions import db as _db
from matchmaker.models import Role
from tests.fuzz.conftest import examples

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    ignored_auth,
]
METHODS = {"get", "post", "patch", "put", "delete"}


def _cases() -> list[tuple[str, GenerationMode]]:
    """Every operation with valid input; those that take input also with invalid input."""
    cases = []
    for path, item in document()["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            label = f"{method.upper()} {path}"
            cases.append((label, GenerationMode.POSITIVE))
            if operation.get("parameters") or item.get("parameters") or operation.get("requestBody"):
                cases.append((label, GenerationMode.NEGATIVE))
    return sorted(cases)


@pytest.fixture
def bearer(db, make_user, make_challenge, make_capability) -> dict[str, str]:
    """A firm with a token and a challenge, a team with a capability: some ids exist to be read."""
    firm = make_user(Role.FIRM)
    make_challenge(firm.organization)
    make_capability(make_user(Role.TEAM).organization)
    token = operations.create_token(firm, "fuzz")
    _db.session.commit()
    return {"Authorization": f"Bearer {token.secret}"}


@pytest.mark.parametrize(("label", "mode"), _cases(), ids=lambda v: getattr(v, "value", v))
def test_every_generated_request_is_answered_as_documented(app, bearer, label: str, mode: GenerationMode) -> None:
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app).find_operation_by_label(label)

    @given(case=operation.as_strategy(mode))
    @settings(max_examples=examples(25))
    def run(case) -> None:
        case.call_and_validate(headers=bearer, checks=CHECKS)

    run()
