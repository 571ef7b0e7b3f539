"""Engine-level behaviour that differs by database, and the per-request transaction boundary."""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask import Flask, g, has_app_context, request

from matchmaker.extensions import db


@sa.event.listens_for(sa.engine.Engine, "connect")
def _sqlite_on_connect(dbapi_connection, connection_record) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT and defers BEGIN; take control of it
    # (SQLAlchemy docs, "Serializable isolation / Savepoints") and enforce foreign keys.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        # Write-ahead log: a long read (a request loading the recommender index) no longer keeps a
        # writer's commit waiting until "database is locked"; readers and one writer run together.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


@sa.event.listens_for(sa.engine.Engine, "begin")
def _sqlite_on_begin(conn: sa.engine.Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _writing_request() else "BEGIN")


def _writing_request() -> bool:
    """SQLite cannot turn a read transaction into a write one while another connection writes:
    it answers "database is locked" at once, without waiting (e.g. four clicks confirming one
    import). The transactions of a request that may write take the write lock when they begin,
    so writers queue (busy_timeout) instead of failing; reads stay concurrent. Eager background
    tasks run in an app context of their own and keep the default."""
    return has_app_context() and g.get(_WRITER, False)


_WRITER = "sqlite_begin_immediate"


def _json_dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def configure_engine(app: Flask) -> None:
    """Engine options that depend on the final database URL (call before db.init_app)."""
    # JSON columns keep Chinese as UTF-8, not as six-byte \uXXXX escapes (import previews, results).
    app.config["SQLALCHEMY_ENGINE_OPTIONS"].setdefault("json_serializer", _json_dumps)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # Fail fast when the database host is unreachable, so /healthz can answer 503.
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        options.setdefault("connect_args", {}).setdefault("connect_timeout", app.config["DATABASE_CONNECT_TIMEOUT"])


def init_app(app: Flask) -> None:
    @app.before_request
    def _mark_writer() -> None:
        setattr(g, _WRITER, request.method not in ("GET", "HEAD", "OPTIONS"))

    @app.teardown_request
    def _rollback_unfinished(exc: BaseException | None) -> None:
        # Views commit once on success; anything left open (an error) is rolled back.
        if exc is not None:
            db.session.rollback()
