"""The ledger's database: `coprod db migrate` and, for moving a ledger, `db copy`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from coprod.store import Store, shown_url
from coprod.store.copy import Progress as CopyProgress
from coprod.store.copy import copy_ledger
from coprod.views.cli._app import app, err_console, handles_errors
from coprod.views.cli.ledger import Db, Json, _settings

db_app = typer.Typer(help="The ledger's database: schema migrations and copying a ledger.")
app.add_typer(db_app, name="db")


@db_app.command("migrate")
@handles_errors
def db_migrate(db: Db = None) -> None:
    """Bring the ledger's schema to this version of coprod (SQLite or PostgreSQL)."""
    settings = _settings(db)
    with Store.open(settings.db, settings.batch_size, create=True):
        pass  # opening migrates
    typer.echo(f"{shown_url(settings.db)}: schema up to date")


@db_app.command("copy")
@handles_errors
def db_copy(
    src: Annotated[
        str, typer.Argument(metavar="SRC", help="The ledger to copy: a file path or database URL.")
    ],
    dst: Annotated[
        str,
        typer.Argument(
            metavar="DST", help="An empty ledger to copy into (postgresql+psycopg://...)."
        ),
    ],
    as_json: Json = False,
) -> None:
    """Copy a whole ledger to another database (e.g. SQLite to PostgreSQL), ids kept.

    DST is brought to the newest schema and must hold no documents (exit 2 if it does).
    """
    with table_bars(err_console) as progress:
        copied = copy_ledger(src, dst, progress)
    if as_json:
        typer.echo(json.dumps({"source": shown_url(src), "copied": copied}, indent=2))
        return
    typer.echo(f"copied {shown_url(src)} to {shown_url(dst)}")
    table = Table("table", "rows")
    for name, rows in copied.items():
        table.add_row(name, f"{rows:,}")
    Console().print(table)


@contextmanager
def table_bars(console: Console) -> Iterator[CopyProgress | None]:
    """A progress bar per table on a terminal; nothing elsewhere."""
    if not console.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description:>14}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console) as bars:
        tasks: dict[str, TaskID] = {}

        def show(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bars.add_task(name, total=total)
            bars.update(tasks[name], completed=done)

        yield show
