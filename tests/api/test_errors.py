"""Every failure under /api/ answers with the one JSON error body, never an HTML page."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import TooManyRequests

from matchmaker.api.errors import from_http_exception


@pytest.mark.parametrize("url", ["/api/v1/nothing-here", "/api/v2/challenges", "/api/v1/challenges/abc"])
def test_unknown_api_paths_are_json_404(api, url):
    response = api.get(url)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_a_missing_resource_is_json_404(api, chains):
    response = api.get("/api/v1/challenges/999999")
    assert response.status_code == 404
    assert response.get_json()["error"]["message"]


def test_a_wrong_method_is_json_405_with_allow(api):
    response = api.request("DELETE", "/api/v1/chains")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


def test_pages_outside_the_api_keep_their_html_errors(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_malformed_json_is_400(api, firm_a, token_for):
    response = api.post(
        "/api/v1/challenges", token_for(firm_a), data="{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_a_body_that_is_not_json_is_415(api, firm_a, token_for):
    response = api.post("/api/v1/challenges", token_for(firm_a), data={"title": "表单"})
    assert response.status_code == 415


def test_a_too_large_body_is_json_413(app, api, firm_a, token_for, monkeypatch):
    secret = token_for(firm_a)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    response = api.post("/api/v1/challenges", secret, json={"title": "x" * 2000})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_validation_errors_name_each_field_in_chinese(api, firm_a, token_for, chains):
    body = {"title": "", "chains": ["equipment"], "problem": 42, "keywords": ["a"] * 6, "colour": "red"}
    response = api.post("/api/v1/challenges", token_for(firm_a), json=body)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"] == "提交的数据未通过校验。"
    assert error["fields"]["problem"] == ["应为字符串。"]
    assert error["fields"]["keywords"] == ["最多5项。"]
    assert error["fields"]["colour"] == ["不支持的字段。"]


def test_rate_limited_requests_get_the_error_body(app):
    with app.test_request_context("/api/v1/challenges", method="POST"):
        response = from_http_exception(TooManyRequests())
    assert response.status_code == 429
    assert response.get_json() == {"error": {"code": "rate_limited", "message": "请求过于频繁，请稍后再试。"}}


def test_each_missing_field_is_named_once(api, firm_a, token_for):
    response = api.post("/api/v1/challenges", token_for(firm_a), json={})
    assert response.get_json()["error"]["fields"] == {"title": ["必填。"], "chains": ["必填。"], "problem": ["必填。"]}
