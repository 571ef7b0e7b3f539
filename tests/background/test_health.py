"""/healthz: 200 with the database up (broker down is "degraded"), 503 with it down."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from matchmaker.config import celery_settings
from matchmaker.models import IndexArtifact


def test_all_well_in_the_embedded_default(client, db, make_message):
    make_message(age=120)
    db.session.add(IndexArtifact(version="v7", data=b"", created_at=datetime.now(UTC) - timedelta(hours=2)))
    db.session.commit()
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["database"] == {"status": "ok"} and body["broker"] == {"status": "eager"}
    assert body["index"]["version"] == "v7" and 7100 < body["index"]["age_seconds"] < 7300
    assert body["outbox"]["pending"] == 1 and 110 < body["outbox"]["oldest_pending_age_seconds"] < 200


def test_no_index_yet_is_null(client, db):
    body = client.get("/healthz").get_json()
    assert body["index"] is None and body["outbox"]["pending"] == 0


def test_broker_down_is_degraded_but_ok_and_quick(other_app):
    app = other_app(CELERY=celery_settings("redis://127.0.0.1:6390/0"))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()  # its own SQLite file when the suite runs on SQLite
    started = time.monotonic()
    response = app.test_client().get("/healthz")
    assert time.monotonic() - started < 5
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["broker"]["status"] == "down" and "6390" in body["broker"]["error"]


def test_database_down_is_503(other_app, tmp_path):
    app = other_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/x.db")
    response = app.test_client().get("/healthz")
    body = response.get_json()
    assert response.status_code == 503 and body["status"] == "down"
    assert body["database"]["status"] == "down" and body["outbox"] is None
