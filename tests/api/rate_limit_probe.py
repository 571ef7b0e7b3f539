"""Run in a fresh interpreter by test_rate_limit.py: the limiter is process-wide and the suite
runs with it disabled, so switching it on in the test process would throttle other tests."""

from __future__ import annotations

import json

from matchmaker import create_app
from matchmaker.api.operations import create_token
from matchmaker.extensions import db
from matchmaker.models import Organization, OrgKind, Role, User


def main() -> None:
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
        "SERVER_NAME": "localhost",
        "RATELIMIT_ENABLED": True,
        "API_WRITE_RATE_LIMIT": "2 per minute",
    }
    app = create_app(config)
    with app.app_context():
        db.create_all()
        user = User(
            organization=Organization(kind=OrgKind.FIRM, name="限流测试企业", city="济南市"),
            email="limit@example.cn",
            name="限流",
            role=Role.FIRM,
        )
        user.set_password("correct-horse-battery")
        db.session.add(user)
        secrets = [create_token(user, name).secret for name in ("一", "二")]
        db.session.commit()
    client = app.test_client()

    def post(secret: str) -> list:
        response = client.post("/api/v1/challenges", json={}, headers={"Authorization": f"Bearer {secret}"})
        return [response.status_code, response.get_json()]

    results = [post(secrets[0]) for _ in range(3)] + [post(secrets[1])]
    read = client.get("/api/v1/chains", headers={"Authorization": f"Bearer {secrets[0]}"})
    print(json.dumps({"writes": results, "read": read.status_code}, ensure_ascii=False))


if __name__ == "__main__":
    main()
