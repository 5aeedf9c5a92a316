"""Opening a ledger's database: URLs, the engine and its SQLite settings, migrations on
open, refusing someone else's database, and closing the runs a dead writer left open."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.util import CommandError
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from coprod.errors import StoreError
from coprod.store import migrate
from coprod.store.tables import runs

BUSY_TIMEOUT_MS = 30_000  # how long a SQLite write waits for another process's commit


def to_url(db: str) -> str:
    """A database URL as given, or a SQLite URL for a plain file path."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def shown_url(db: str) -> str:
    """`db` fit to print: a URL's password masked."""
    if "://" not in db:
        return db
    try:
        return sa.make_url(db).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return "(an unreadable URL)"


def engine_for(url: str) -> sa.Engine:
    try:
        engine = sa.create_engine(url)
    except (SQLAlchemyError, ValueError) as exc:  # unknown dialect, malformed URL
        raise StoreError(f"cannot open ledger {shown_url(url)}: {exc}") from exc
    except ImportError as exc:  # e.g. PostgreSQL without its driver installed
        raise StoreError(
            f"cannot open ledger {shown_url(url)}: driver missing ({exc.name})"
        ) from exc
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on; a write-ahead log, so a killed process leaves every commit intact
    and readers never block the writer; and a wait, not an error, when another process writes.

    With WAL, synchronous=NORMAL survives any crash of the process (a power cut may lose
    the last batches, which a re-run restores).
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")  # in-memory databases keep 'memory'
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def missing_file(engine: sa.Engine) -> bool:
    """A SQLite ledger whose file does not exist (an in-memory database is never missing)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return False
    return not Path(database).exists()


def prepare(engine: sa.Engine, db: str, *, close_dead_runs: bool) -> list[int]:
    """Migrate to the newest schema; for a writer, close the runs a dead process left open
    (their ids). A reader leaves them: one may be alive, ingesting in another process."""
    try:
        _refuse_foreign(engine, db)
        migrate.upgrade(engine)
        return _mark_interrupted(engine) if close_dead_runs else []
    except (SQLAlchemyError, CommandError) as exc:
        raise StoreError(f"cannot open ledger {shown_url(db)}: {reason(exc)}") from exc


def _refuse_foreign(engine: sa.Engine, db: str) -> None:
    """A database with tables but no migration history is someone else's: leave it alone."""
    names = set(sa.inspect(engine).get_table_names())
    if names and "alembic_version" not in names:
        raise StoreError(f"cannot open ledger {shown_url(db)}: it holds other tables")


def _mark_interrupted(engine: sa.Engine) -> list[int]:
    values = {"status": "interrupted", "finished": datetime.now(UTC)}
    running = runs.c.status == "running"
    with engine.begin() as connection:
        ids = sorted(connection.scalars(sa.select(runs.c.id).where(running)))
        connection.execute(sa.update(runs).where(running).values(values))
    return ids


def reason(exc: Exception) -> str:
    """The database's own words, without SQLAlchemy's statement dump."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig)
    return str(exc).splitlines()[0]
