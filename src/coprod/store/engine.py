"""Opening a ledger's database: URLs, the engine and its SQLite settings, migrations on
open, refusing someone else's database, and closing the runs a dead writer left open."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.util import CommandError
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from coprod.errors import StoreError
from coprod.store import migrate
from coprod.store.tables import runs

BUSY_TIMEOUT_MS = 30_000  # how long a SQLite write waits for another process's commit
# A live run renews its heartbeat at every batch commit (every few seconds while documents
# flow); one silent this long is taken for dead even on another host, where its process
# cannot be asked. Long enough for a slow fetch or a big reconciliation between commits.
STALE_HEARTBEAT = timedelta(minutes=10)
# PostgreSQL advisory lock held while migrating: writers opening a new ledger together
# would otherwise all create its tables. Advisory locks belong to one database.
MIGRATION_LOCK = 0x636F70726F646D  # "coprodm"


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
        with _migrating_alone(engine):
            _refuse_foreign(engine, db)
            migrate.upgrade(engine)
        return _mark_interrupted(engine) if close_dead_runs else []
    except (SQLAlchemyError, CommandError) as exc:
        raise StoreError(f"cannot open ledger {shown_url(db)}: {reason(exc)}") from exc


@contextmanager
def _migrating_alone(engine: sa.Engine) -> Iterator[None]:
    """On PostgreSQL, one process migrates at a time; the next finds the schema current."""
    if engine.dialect.name != "postgresql":
        yield
        return
    lock = sa.select(sa.func.pg_advisory_lock(MIGRATION_LOCK))
    with engine.connect() as connection:
        connection.execute(lock)
        connection.commit()
        try:
            yield
        finally:
            connection.execute(sa.select(sa.func.pg_advisory_unlock(MIGRATION_LOCK)))
            connection.commit()


def _refuse_foreign(engine: sa.Engine, db: str) -> None:
    """A database with tables but no migration history is someone else's: leave it alone."""
    names = set(sa.inspect(engine).get_table_names())
    if names and "alembic_version" not in names:
        raise StoreError(f"cannot open ledger {shown_url(db)}: it holds other tables")


def _mark_interrupted(engine: sa.Engine) -> list[int]:
    """Mark 'interrupted' the runs still 'running' whose process is gone; their ids."""
    now = datetime.now(UTC)
    running = runs.c.status == "running"
    found = sa.select(runs.c.id, runs.c.pid, runs.c.host, runs.c.heartbeat).where(running)
    with engine.begin() as connection:
        dead = sorted(r.id for r in connection.execute(found) if not _alive(r, now))
        if dead:
            gone = sa.update(runs).where(running, runs.c.id.in_(dead))
            connection.execute(gone.values(status="interrupted", finished=now))
    return dead


def _alive(run: sa.Row[Any, Any, Any, Any], now: datetime) -> bool:
    """A run is alive while its heartbeat is fresh and, on this host, its process exists.
    A run from before heartbeats were kept (no heartbeat) is taken for dead, as it was."""
    if run.heartbeat is None:
        return False
    beat = run.heartbeat if run.heartbeat.tzinfo else run.heartbeat.replace(tzinfo=UTC)
    if now - beat > STALE_HEARTBEAT:
        return False
    if run.host == socket.gethostname() and run.pid is not None:
        return _process_exists(int(run.pid))
    return True


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: nothing is sent, the process is only looked up
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def reason(exc: Exception) -> str:
    """The database's own words, without SQLAlchemy's statement dump."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig)
    return str(exc).splitlines()[0]
