"""Matchmaker — 产学研精准对接平台. `create_app` is the only entry point."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

# Feature packages (one blueprint each, in matchmaker/<feature>/routes.py).
FEATURES = (
    "home",
    "auth",
    "organizations",
    "challenges",
    "capabilities",
    "matching",
    "access",
    "proposals",
    "notifications",
    "imports",
    "key_problems",
    "good_results",
    "api",
    "background",
    "events",
    "meetings",
    "deals",
    "dashboard",
)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    # Imported here, not at the top: `python -m matchmaker.events.agenda` (the solver, timed
    # with its process start) loads this package and needs none of the app.
    from flask import Flask

    from matchmaker.config import REPO_ROOT, from_environment

    app = Flask(
        __name__,
        template_folder=str(REPO_ROOT / "templates"),
        static_folder=str(REPO_ROOT / "static"),
        instance_path=str(REPO_ROOT / "instance"),
    )
    app.config.update(from_environment())
    if config:
        app.config.update(config)

    from matchmaker import database, extensions, i18n, security, templating, timezones, users_loader
    from matchmaker.background import outbox
    from matchmaker.celery_app import celery_init_app

    database.configure_engine(app)
    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(REPO_ROOT / "migrations"))
    extensions.csrf.init_app(app)
    extensions.limiter.init_app(app)
    i18n.init_app(app)
    users_loader.init_app(app)
    database.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    timezones.init_app(app)
    celery_init_app(app)
    outbox.init_app(app)
    _register_blueprints(app)
    _register_cli(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from importlib import import_module

    for feature in FEATURES:
        app.register_blueprint(import_module(f"matchmaker.{feature}.routes").bp)


def _register_cli(app: Flask) -> None:
    from matchmaker.matching.cli import rebuild_command, report_command
    from matchmaker.seed.command import seed_command

    for command in (seed_command, report_command, rebuild_command):
        app.cli.add_command(command)
