"""Errors answer in Chinese pages on the web, and in JSON under /api/."""


def test_missing_page_is_a_chinese_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "页面不存在或已被删除" in response.get_data(as_text=True)


def test_forbidden_is_a_chinese_page(client, make_user, login_as):
    from matchmaker.models import Role

    login_as(make_user(Role.TEAM))
    response = client.get("/organiser/verification")
    assert response.status_code == 403 and "您没有权限访问此页面" in response.get_data(as_text=True)


def test_throttled_sign_in_says_why_in_chinese(other_app):
    app = other_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="1 per minute")
    with app.test_client() as client:
        client.post("/login", data={"email": "a@b.cn"})
        response = client.post("/login", data={"email": "a@b.cn"})
    page = response.get_data(as_text=True)
    assert response.status_code == 429 and "登录尝试过于频繁" in page
    assert "返回首页" in page  # our page, not the bare default one that also carried the message


def test_api_paths_still_answer_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404 and response.get_json()["error"]["code"]
