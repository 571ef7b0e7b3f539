from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _request(app, db):
    """Operations called directly need a request context (url_for, the request-chosen locale)."""
    with app.test_request_context():
        yield
