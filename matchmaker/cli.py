"""`matchmaker` console script: the Flask CLI bound to this app (`matchmaker run`, `matchmaker seed`…)."""

from __future__ import annotations

from flask.cli import FlaskGroup

from matchmaker import create_app


def main() -> None:
    FlaskGroup(create_app=create_app).main()
