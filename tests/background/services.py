"""Real services for the `services` tests: PostgreSQL database test_background (never "test":
other suites use it), Redis db 14, and Celery worker processes started from matchmaker.worker.

When a service is unreachable the test is skipped — or fails with REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa
from flask import Flask

from matchmaker import create_app
from matchmaker.config import REPO_ROOT, celery_settings
from matchmaker.extensions import db
from tests.conftest import require_services

DATABASE = "test_background"
PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
DATABASE_URL = f"{PG_SERVER}/{DATABASE}"
BROKER_URL = "redis://127.0.0.1:6379/14"
DEAD_BROKER_URL = "redis://127.0.0.1:6390/14"  # nothing listens there
LOCK_KEY = 0x7E57BA  # pg advisory lock: one run at a time uses test_background and Redis db 14
# Redelivery after a worker died is quick in tests; production keeps an hour (see config).
WORKER_TRANSPORT = {"unacked_restore_interval": 1, "unacked_restore_throttle": 1}


def unavailable(reason: str) -> None:
    """Skip, or fail when the run requires the services (REQUIRE_SERVICES=1)."""
    if require_services():
        pytest.fail(f"service required but unavailable: {reason}")
    pytest.skip(reason)


def ensure_database() -> None:
    try:
        engine = sa.create_engine(
            f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )
        with engine.connect() as conn:
            exists = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": DATABASE})
            if not exists:
                conn.exec_driver_sql(f'CREATE DATABASE "{DATABASE}"')
        engine.dispose()
    except sa.exc.OperationalError as error:
        unavailable(f"PostgreSQL at 127.0.0.1:5432: {str(error).splitlines()[0]}")


@contextmanager
def exclusive_use(wait: float = 600) -> Iterator[None]:
    """Hold test_background and Redis db 14 for this run alone: concurrent test runs (and the load
    script) take turns, through an advisory lock in the maintenance database."""
    engine = sa.create_engine(
        f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with engine.connect() as conn:
            deadline = time.monotonic() + wait
            while not conn.scalar(sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}):
                if time.monotonic() > deadline:
                    unavailable(f"{DATABASE} busy with another run for {wait}s")
                time.sleep(1)
            try:
                yield
            finally:
                conn.scalar(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
    finally:
        engine.dispose()


def broker() -> redis.Redis:
    client = redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        unavailable(f"Redis at {BROKER_URL}: {error}")
    return client


def make_app(broker_url: str = BROKER_URL, **config: object) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": DATABASE_URL,
            "CELERY": celery_settings(broker_url),
            "SECRET_KEY": "test-secret",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            **config,
        }
    )


def reset_schema(app: Flask) -> None:
    from flask_migrate import upgrade

    with app.app_context():
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        upgrade()
        db.engine.dispose()


def close(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


def empty_tables(app: Flask) -> None:
    with app.app_context():
        names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
        with db.engine.begin() as conn:
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        db.session.remove()


def worker_env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "CELERY_BROKER_URL": BROKER_URL,
        "SECRET_KEY": "test-secret",
        "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps(WORKER_TRANSPORT),
        "PYTHONPATH": str(REPO_ROOT),
        **extra,
    }


class Workers:
    """Start real worker processes; stop (or kill) them; always cleaned up by the fixture."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []

    def start(self, name: str, pool: str = "solo", concurrency: int = 1, **env: str) -> subprocess.Popen:
        log = self.log_dir / f"{name}.log"
        command = [sys.executable, "-m", "celery", "-A", "matchmaker.worker", "worker"]
        command += [f"--pool={pool}", f"--concurrency={concurrency}", f"--hostname={name}@%h", "--loglevel=INFO"]
        command += ["--include=tests.background.sample_tasks", "--without-gossip", "--without-mingle"]
        with log.open("w") as out:  # the child keeps its own descriptor
            process = subprocess.Popen(
                command, cwd=REPO_ROOT, env=worker_env(**env), stdout=out, stderr=subprocess.STDOUT
            )
        self.processes.append(process)
        wait_for(lambda: " ready." in log.read_text() or process.poll() is not None, 60, f"worker {name} ready")
        if process.poll() is not None:
            pytest.fail(f"worker {name} exited:\n{log.read_text()[-3000:]}")
        return process

    def kill(self, process: subprocess.Popen) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait(10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill(process)


def wait_for(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)
