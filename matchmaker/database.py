"""Engine-level behaviour that differs by database, and the per-request transaction boundary."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

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
        cursor.close()


@sa.event.listens_for(sa.engine.Engine, "begin")
def _sqlite_on_begin(conn: sa.engine.Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")


def configure_engine(app: Flask) -> None:
    """Engine options that depend on the final database URL (call before db.init_app)."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # Fail fast when the database host is unreachable, so /healthz can answer 503.
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        options.setdefault("connect_args", {}).setdefault("connect_timeout", app.config["DATABASE_CONNECT_TIMEOUT"])


def init_app(app: Flask) -> None:
    @app.teardown_request
    def _rollback_unfinished(exc: BaseException | None) -> None:
        # Views commit once on success; anything left open (an error) is rolled back.
        if exc is not None:
            db.session.rollback()
