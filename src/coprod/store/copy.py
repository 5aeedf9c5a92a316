"""Moving a whole ledger to another database: `copy_ledger(src, dst)`, e.g. SQLite to
PostgreSQL when a team starts sharing one.

Both ends are brought to the newest schema first. The destination must hold no rows of
its own (the one row migrations write, the ledger state, is replaced by the source's).
Tables are copied parent before child, in batches read and written as they stream (memory
stays constant however big the ledger), all in one transaction on the destination: a
failed copy leaves it as it was. Primary keys are kept, so facts keep their ids (and their
ETags); PostgreSQL's id sequences are then moved past the copied ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from coprod.errors import InputError
from coprod.store.engine import engine_for, missing_file, prepare, shown_url, to_url
from coprod.store.tables import ledger_state, metadata

COPY_BATCH = 1_000  # rows read and written at a time: a few MB for the widest tables
# Rows migrations write themselves: the source's replace them, they never block a copy.
SEEDED = (ledger_state.name,)
# Called after each batch: table name, rows copied so far, rows in the table.
Progress = Callable[[str, int, int], None]


def copy_ledger(src: str, dst: str, progress: Progress | None = None) -> dict[str, int]:
    """Copy every table of ledger `src` into the empty ledger `dst`; rows copied per table."""
    if to_url(src) == to_url(dst):
        raise InputError("the source and the destination are the same ledger")
    source = engine_for(to_url(src))
    target = engine_for(to_url(dst))
    try:
        if missing_file(source):
            raise InputError(f"no ledger at {shown_url(src)}")
        prepare(source, src, close_dead_runs=False)
        prepare(target, dst, close_dead_runs=False)
        with _snapshot(source) as reading, target.begin() as writing:
            _refuse_filled(writing, dst)
            copied = {t.name: _copy_table(t, reading, writing, progress) for t in _tables()}
            _move_sequences(writing)
        return copied
    finally:
        source.dispose()
        target.dispose()


@contextmanager
def _snapshot(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection that reads one state of the ledger throughout, so a copy taken while
    another process ingests never has a fact without its document."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        elif engine.dialect.name == "sqlite":  # the driver leaves reads outside transactions
            connection.exec_driver_sql("BEGIN")
        yield connection


def _tables() -> list[sa.Table]:
    """Every ledger table, each after the tables its foreign keys name."""
    return list(metadata.sorted_tables)


def _refuse_filled(connection: sa.Connection, dst: str) -> None:
    """A destination with rows is someone's ledger: never mix two."""
    tables = sorted(_tables(), key=lambda t: t.name != "documents")  # the telling one first
    for table in tables:
        if table.name in SEEDED:
            continue
        rows = connection.scalar(sa.select(sa.func.count()).select_from(table)) or 0
        if rows:
            what = "documents" if table.name == "documents" else f"rows in {table.name}"
            raise InputError(
                f"{shown_url(dst)} already holds {rows} {what}: copy only into an empty ledger"
            )


def _copy_table(
    table: sa.Table, reading: sa.Connection, writing: sa.Connection, progress: Progress | None
) -> int:
    """Stream `table` from `reading` into `writing` in batches, in primary-key order."""
    total = reading.scalar(sa.select(sa.func.count()).select_from(table)) or 0
    if table.name in SEEDED:
        writing.execute(sa.delete(table))
    query = sa.select(table).order_by(*table.primary_key.columns)
    result = reading.execution_options(yield_per=COPY_BATCH).execute(query)
    done = 0
    if progress is not None:
        progress(table.name, done, total)
    zones = [c.name for c in table.columns if isinstance(c.type, sa.DateTime)]
    for rows in result.mappings().partitions():
        writing.execute(sa.insert(table), [_in_utc(dict(row), zones) for row in rows])
        done += len(rows)
        if progress is not None:
            progress(table.name, done, total)
    return done


def _in_utc(row: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    """Times as aware UTC: SQLite gives them back naive (they were written in UTC), and
    writes an aware time's clock reading without its offset, so convert before."""
    for name in columns:
        value = row[name]
        if isinstance(value, datetime):
            row[name] = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return row


def _move_sequences(connection: sa.Connection) -> None:
    """On PostgreSQL, start each table's id sequence after the highest id copied (SQLite
    needs nothing: a new rowid is always past the largest)."""
    if connection.dialect.name != "postgresql":
        return
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is not True:
                continue
            name = table.name
            connection.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', '{column.name}'),"
                    f' COALESCE(MAX("{column.name}"), 1), MAX("{column.name}") IS NOT NULL)'
                    f' FROM "{name}"'
                )
            )
