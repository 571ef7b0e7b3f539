from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from matchmaker.extensions import db
from matchmaker.seed.loader import demo_users, load_all


@click.command("seed")
@click.option("--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None)
@with_appcontext
def seed_command(data_dir: Path | None) -> None:
    """Load the demo data of seed_data/ (idempotent: a second run changes nothing)."""
    report = load_all(data_dir or Path(current_app.config["SEED_DATA_DIR"]))
    db.session.commit()
    for kind, (created, updated) in report.items():
        click.echo(f"{kind:>14}: {created} created, {updated} updated")
    click.echo("Demo sign-ins (password shown until changed):")
    for user in demo_users(data_dir or Path(current_app.config["SEED_DATA_DIR"])):
        click.echo(f"  {user['role']:>10}  {user['email']:<22} {user['password']}")
