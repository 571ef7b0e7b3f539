"""Shared fixtures: the app on SQLite (default) or PostgreSQL (DATABASE_URL), one rolled-back
transaction per test, factories for organisations, users and posts, and a login helper."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import count
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from matchmaker import create_app
from matchmaker.extensions import db as _db
from matchmaker.models import (
    Capability,
    CapabilityStatus,
    Chain,
    Challenge,
    ChallengeStatus,
    Organization,
    OrgKind,
    Role,
    User,
)
from matchmaker.organizations.credit_code import fictional

PASSWORD = "correct-horse-battery"
_seq = count(1)


def require_services() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


def test_database_url(tmp_dir: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_dir / 'test.db'}"
    # The suite wipes its database: refuse anything not named as a test database.
    if "test" not in sa.engine.make_url(url).database:
        raise RuntimeError(f"refusing to run tests against {url!r}: database name must contain 'test'")
    return url


def _reset_schema(app: Flask) -> None:
    """Empty the database, then build it with the migrations (so every run tests them)."""
    from flask_migrate import upgrade

    with app.app_context():
        engine = _db.engine
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("DROP SCHEMA public CASCADE")
                conn.exec_driver_sql("CREATE SCHEMA public")
            else:
                _db.metadata.drop_all(conn)
                conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade()


def make_test_app(tmp_dir: Path, **overrides: object) -> Flask:
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": test_database_url(tmp_dir),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SECRET_KEY": "test-secret",
        "SERVER_NAME": "localhost",
        "RECOMMENDER_SYNC_SECONDS": 0,
        # Tests share one connection and transaction: eager tasks run inline, never in a thread.
        "EAGER_LONG_TASKS_IN_THREAD": False,
    }
    config.update(overrides)
    return create_app(config)


def _dispose(app: Flask) -> None:
    with app.app_context():
        for engine in _db.engines.values():
            engine.dispose()


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = make_test_app(tmp_path_factory.mktemp("db"))
    _reset_schema(app)
    yield app
    _dispose(app)


def _other_database() -> dict[str, str]:
    """On PostgreSQL an extra app gets a database of its own (`<test db>_other`), as it gets a file
    of its own on SQLite: resetting its schema must not wipe the suite's shared database."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return {}
    import psycopg

    base = sa.engine.make_url(url)
    name = f"{base.database}_other"
    admin = base.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return {"SQLALCHEMY_DATABASE_URI": base.set(database=name).render_as_string(hide_password=False)}


@pytest.fixture
def other_app(tmp_path: Path, db: object) -> Iterator[Callable[..., Flask]]:
    """Build an extra app with different settings (e.g. CSRF or rate limits on).

    The limiter is one shared extension object whose on/off switch follows the last
    init_app, so it is switched back and emptied afterwards."""
    from matchmaker.extensions import limiter

    made: list[Flask] = []
    limiter_was_enabled = limiter.enabled

    def make(**overrides: object) -> Flask:
        made.append(make_test_app(tmp_path, **(_other_database() | overrides)))
        return made[-1]

    yield make
    for extra in made:
        _dispose(extra)
    if limiter.enabled:  # storage exists only once an app enabled limiting
        limiter.reset()
    limiter.enabled = limiter_was_enabled


@pytest.fixture
def db(app: Flask) -> Iterator[object]:
    """One transaction per test, rolled back afterwards; commits inside become savepoints.

    Requests made with the test client share this app context and so this session: factories
    commit (release their savepoint) so that a view's rollback cannot undo the test's setup."""
    # Task proxies (`some_task.apply()`) resolve to the newest Celery app; make it this one.
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()
    with app.app_context():
        engines = _db.engines
        engine = engines[None]
        connection = engine.connect()
        transaction = connection.begin()
        _db.session.remove()
        _db.session.configure(join_transaction_mode="create_savepoint")
        engines[None] = connection  # Flask-SQLAlchemy's get_bind returns it as the bind
        try:
            yield _db
        finally:
            _db.session.remove()
            engines[None] = engine
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app: Flask, db: object) -> FlaskClient:
    return app.test_client()


@pytest.fixture(autouse=True)
def _fresh_recommender_index() -> Iterator[None]:
    """The served index is cached per process; each test's rolled-back data needs a clean one."""
    from matchmaker.matching import index_store

    index_store.reset()
    yield
    index_store.reset()


# ---------------------------------------------------------------- factories


@pytest.fixture
def chains(db: object) -> dict[str, Chain]:
    made = {}
    for order, (code, name) in enumerate([("equipment", "高端装备"), ("new-energy", "新能源装备")]):
        chain = Chain(code=code, name=name, keywords=["数控机床"] if order == 0 else ["锂离子电池"], sort_order=order)
        _db.session.add(chain)
        made[code] = chain
    _db.session.commit()
    return made


@pytest.fixture
def make_org(db: object):
    def make(
        kind: OrgKind = OrgKind.FIRM, verified: bool = True, name: str | None = None, **values: object
    ) -> Organization:
        n = next(_seq)
        values = {"credit_code": fictional(f"test-{n}", "济南市"), "city": "济南市"} | values
        org = Organization(
            kind=kind, name=name or f"测试单位{n}", verified_at=datetime.now(UTC) if verified else None, **values
        )
        _db.session.add(org)
        _db.session.commit()
        return org

    return make


@pytest.fixture
def make_user(db: object, make_org):
    def make(role: Role = Role.FIRM, org: Organization | None = None, **values: object) -> User:
        if org is None:
            kind = {Role.FIRM: OrgKind.FIRM, Role.TEAM: OrgKind.UNIVERSITY}.get(role, OrgKind.AGENCY)
            org = make_org(kind=kind)
        n = next(_seq)
        values = {"email": f"user{n}@example.cn", "name": f"用户{n}"} | values
        user = User(organization=org, role=role, **values)
        user.set_password(PASSWORD)
        _db.session.add(user)
        _db.session.commit()
        return user

    return make


# One user of each role, for tests that need "a firm", "a team", "an organiser".
@pytest.fixture
def firm(make_user) -> User:
    return make_user(Role.FIRM)


@pytest.fixture
def team(make_user) -> User:
    return make_user(Role.TEAM)


@pytest.fixture
def organiser(make_user) -> User:
    return make_user(Role.ORGANISER)


@pytest.fixture
def make_challenge(db: object, chains):
    def make(org: Organization, status: ChallengeStatus = ChallengeStatus.PUBLISHED, **values: object) -> Challenge:
        chain = chains["equipment"]
        defaults = {
            "title": f"高精度数控机床主轴热变形补偿{next(_seq)}",
            "problem": "主轴连续运行4小时后热伸长达25μm，影响加工精度。",
            "indicators": "热误差补偿后≤5μm",
            "goal": "形成可推广的热误差补偿方案",
            "keywords": ["数控机床", "热误差"],
            "deadline": date.today() + timedelta(days=90),
            "confidential_detail": "现用主轴供应商：某精机，故障率3.2%",
            "contact_name": "王工",
            "contact_phone": "0531-88880000",
        }
        defaults.update({"primary_chain": chain, "chains": [chain]} | values)
        challenge = Challenge(
            organization=org,
            status=status,
            published_at=None if status == ChallengeStatus.DRAFT else datetime.now(UTC),
            **defaults,
        )
        _db.session.add(challenge)
        _db.session.commit()
        return challenge

    return make


@pytest.fixture
def make_capability(db: object, chains):
    def make(org: Organization, status: CapabilityStatus = CapabilityStatus.PUBLISHED, **values: object) -> Capability:
        chain = chains["equipment"]
        defaults = {
            "title": f"机床热误差建模与实时补偿技术{next(_seq)}",
            "team_name": "精密制造课题组",
            "leader": "赵教授",
            "description": "基于温度场测量与神经网络的主轴热误差建模，补偿后精度提升80%。",
            "trl": 6,
            "cooperation_modes": ["license"],
            "keywords": ["热误差", "数控机床"],
        }
        defaults.update({"primary_chain": chain, "chains": [chain]} | values)
        capability = Capability(
            organization=org,
            status=status,
            published_at=None if status == CapabilityStatus.DRAFT else datetime.now(UTC),
            **defaults,
        )
        _db.session.add(capability)
        _db.session.commit()
        return capability

    return make


def login(client: FlaskClient, user: User, password: str = PASSWORD):
    return client.post("/login", data={"email": user.email, "password": password})


@pytest.fixture
def login_as(client: FlaskClient):
    def do(user: User) -> FlaskClient:
        response = login(client, user)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return do
