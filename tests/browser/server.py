"""The real server the browser journeys talk to: `python -m tests.browser.server DATABASE_URL`.

It runs in its own process (so the test process's per-test resets of caches, limiter and Celery
app cannot touch it), migrates and seeds the given empty database, builds the recommender index,
then serves threaded on a free loopback port and prints `READY http://127.0.0.1:<port>`.
Celery runs eagerly (no broker), as in `make run`: recommendations appear right after a publish.
"""

from __future__ import annotations

import os
import sys
import time


def build_app(database_url: str):
    os.environ.pop("CELERY_BROKER_URL", None)  # eager: background work runs in this process
    from matchmaker import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "browser-journeys",
            "WTF_CSRF_ENABLED": True,  # real forms, real tokens
            # Relaxed, not off: the journeys sign in many times from one address.
            "LOGIN_RATE_LIMIT": "1000 per minute",
            "LOGIN_MAX_FAILURES": 100,
            "API_WRITE_RATE_LIMIT": "10000 per minute",
            "RECOMMENDER_SYNC_SECONDS": 0.5,
        }
    )


def prepare(app) -> None:
    """Migrate, load the demo data and build the index (what `make run` does, in one process)."""
    from pathlib import Path

    from flask_migrate import upgrade

    from matchmaker.extensions import db
    from matchmaker.matching import index_store, operations
    from matchmaker.seed.loader import load_all

    with app.app_context():
        upgrade()
        load_all(Path(app.config["SEED_DATA_DIR"]))
        db.session.commit()
        operations.rebuild()
        db.session.commit()
        index_store.reset()


def main() -> None:
    from werkzeug.serving import make_server

    started = time.monotonic()
    app = build_app(sys.argv[1])
    prepare(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(f"READY http://127.0.0.1:{server.server_port} prepared in {time.monotonic() - started:.1f}s", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
