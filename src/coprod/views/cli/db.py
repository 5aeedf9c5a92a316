"""The ledger's database: `coprod db migrate` (and, for moving a ledger, `db copy`)."""

from __future__ import annotations

import typer

from coprod.store import Store, shown_url
from coprod.views.cli._app import app, handles_errors
from coprod.views.cli.ledger import Db, _settings

db_app = typer.Typer(help="The ledger's database: schema migrations.")
app.add_typer(db_app, name="db")


@db_app.command("migrate")
@handles_errors
def db_migrate(db: Db = None) -> None:
    """Bring the ledger's schema to this version of coprod (SQLite or PostgreSQL)."""
    settings = _settings(db)
    with Store.open(settings.db, settings.batch_size, create=True):
        pass  # opening migrates
    typer.echo(f"{shown_url(settings.db)}: schema up to date")
