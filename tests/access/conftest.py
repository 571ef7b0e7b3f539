from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _request(app, db):
    """Operations called directly need a request context (url_for, the request-chosen locale)."""
    with app.test_request_context():
        yield


@pytest.fixture
def challenge(firm, make_challenge):
    return make_challenge(firm.organization, confidential_detail="现用主轴供应商：某精机，故障率3.2%")
