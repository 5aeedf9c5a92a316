"""`Store`: the one write path to the ledger, and the reads the views need.

A ledger is a database URL; a plain path means a SQLite file. Opening one brings its
schema up to date; opening it to write (`create=True`, as ingesting does) also marks as
'interrupted' every run still 'running' whose process is gone (see `engine.prepare`): what
it had committed (whole batches of documents with their facts) stays. A run alive in
another process is left alone. Opening it only to read (`status`, `facts`, `report` while
an ingest runs elsewhere) leaves the runs as they are.

Several processes may write at once. Documents and facts go in with ON CONFLICT DO
NOTHING, so one stored a moment ago by another process is counted as known, not doubled
or fatal. On PostgreSQL a batch also takes the ledger's write lock at its first write and
keeps it to its commit (SQLite's own lock does the same): two batches never wait on each
other's uncommitted documents in opposite orders, which would deadlock.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from coprod.errors import StoreError
from coprod.ingest.fetch import FetchState
from coprod.model import Decision, Document, Fact, Skipped
from coprod.settings import BATCH_SIZE
from coprod.store import bulk, duplicates, manifest, queries, reconciled
from coprod.store.bulk import NewDocument
from coprod.store.engine import engine_for, missing_file, prepare, reason, shown_url, to_url
from coprod.store.fetched import get_state, save_state
from coprod.store.reads import Reads
from coprod.store.rows import document_row, fact_row, insert_new, skip_row
from coprod.store.tables import documents, facts, runs, skipped

RUN_STATUSES = ("running", "finished", "failed", "interrupted")
# A slow source (pages fetched politely) still commits this often: less to redo after a
# kill, and the ledger's write lock is never held for minutes.
BATCH_SECONDS = 5.0
# Any constant works: advisory locks belong to one database, so ledgers never share one.
WRITE_LOCK = 0x636F70726F64  # "coprod" in ASCII
_TAKE_WRITE_LOCK = sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK))


def _now() -> datetime:
    return datetime.now(UTC)


class Store(Reads):
    """The ledger. Writes go through these methods only; each is idempotent where it can be.

    Outside `batch()` every write is its own transaction. Inside, writes share one
    transaction that commits every `batch_size` documents, or `batch_seconds` for a slow
    source (never between a document and its facts), and at the end; an error rolls back
    only the batch in progress.
    """

    def __init__(
        self, engine: sa.Engine, batch_size: int = BATCH_SIZE, interrupted: Iterable[int] = ()
    ) -> None:
        self.engine = engine
        self.batch_size = batch_size
        self.interrupted_runs = list(interrupted)  # runs found 'running' (so dead) on opening
        self._batch: sa.Connection | None = None
        self._pending = 0  # documents written in the open batch transaction
        self.batch_seconds = BATCH_SECONDS
        self._since = 0.0  # monotonic time of the open batch's first document
        self._locked = False  # the open batch transaction holds the write lock
        self._added: str | None = None  # the document the batch stored last
        self._live_runs: set[int] = set()  # runs begun here and not finished: their heartbeat
        self._reconcile_guard = threading.Lock()  # one reconciliation at a time (threads)

    @classmethod
    def open(cls, db: str, batch_size: int = BATCH_SIZE, *, create: bool = True) -> Store:
        """Open the ledger at `db`, a URL or a SQLite file path; create it unless told not to."""
        engine = engine_for(to_url(db))
        try:
            if not create and missing_file(engine):
                raise StoreError(f"no ledger at {shown_url(db)} (nothing has been ingested there)")
            interrupted = prepare(engine, db, close_dead_runs=create)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, batch_size, interrupted)

    def close(self) -> None:
        self.engine.dispose()

    def take_interrupted(self) -> list[int]:
        """The runs found interrupted on opening; told once, to the first run that asks."""
        taken, self.interrupted_runs = self.interrupted_runs, []
        return taken

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group the writes inside into transactions of `batch_size` documents."""
        if self._batch is not None:  # already in one: join it
            yield
            return
        try:
            with self.engine.connect() as connection:
                self._batch, self._pending = connection, 0
                yield
                self._beat(connection)
                connection.commit()
        except SQLAlchemyError as exc:
            raise self._failed(exc) from exc
        finally:
            self._batch, self._locked, self._added = None, False, None

    @contextmanager
    def _connection(self) -> Iterator[sa.Connection]:
        """The open batch's connection, so reads see its writes; else a transaction of one."""
        if self._batch is None:
            with self._transaction() as connection:
                yield connection
            return
        try:
            yield self._batch
        except SQLAlchemyError as exc:
            raise self._failed(exc) from exc

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        """`_connection()` for a write other processes may also make: in a batch, the first
        such write takes the ledger's write lock, held until the batch commits."""
        with self._connection() as connection:
            if self._batch is not None and not self._locked:
                self._lock(connection)
                self._locked = True
            yield connection

    @contextmanager
    def _transaction(self) -> Iterator[sa.Connection]:
        """A transaction of its own, apart from any batch; database errors become StoreError."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise self._failed(exc) from exc

    def _lock(self, connection: sa.Connection) -> None:
        """Wait for the ledger's write lock, held to the end of the transaction (PostgreSQL:
        SQLite takes its own database lock at the first write)."""
        if connection.dialect.name == "postgresql":
            connection.execute(_TAKE_WRITE_LOCK)

    def _beat(self, connection: sa.Connection) -> None:
        """Say the runs begun here are alive: their heartbeat is now."""
        if self._live_runs:
            alive = runs.c.id.in_(sorted(self._live_runs))
            connection.execute(sa.update(runs).where(alive).values(heartbeat=_now()))

    def _failed(self, exc: SQLAlchemyError) -> StoreError:
        return StoreError(f"ledger {self.engine.url}: {reason(exc)}")

    def _checkpoint(self) -> None:
        """Commit the open batch once it holds `batch_size` documents, or is `batch_seconds` old."""
        if self._batch is None or not self._pending:
            return
        full = self._pending >= self.batch_size
        if full or time.monotonic() - self._since >= self.batch_seconds:
            self._beat(self._batch)
            self._batch.commit()
            self._pending, self._locked = 0, False

    def _count_pending(self) -> None:
        """One more document written (or sighted) in the open batch."""
        if not self._pending:
            self._since = time.monotonic()
        self._pending += 1

    # -- writes -------------------------------------------------------------------------

    def begin_run(self, label: str = "ingest") -> int:
        """Record a run as 'running' at once, so a crash leaves a trace; with the process
        and host it runs in, and a heartbeat that every batch commit renews."""
        now = _now()
        row = {"label": label, "started": now, "status": "running", "counts": {}}
        row |= {"pid": os.getpid(), "host": socket.gethostname(), "heartbeat": now}
        with self._transaction() as connection:
            result = connection.execute(sa.insert(runs).values(row).returning(runs.c.id))
            run_id = int(result.scalar_one())
        self._live_runs.add(run_id)
        return run_id

    def finish_run(
        self, run_id: int, status: str = "finished", counts: dict[str, Any] | None = None
    ) -> None:
        if status not in RUN_STATUSES:
            raise ValueError(f"unknown run status {status!r}")
        now = _now()
        values = {"status": status, "finished": now, "heartbeat": now, "counts": counts or {}}
        with self._transaction() as connection:
            connection.execute(sa.update(runs).where(runs.c.id == run_id).values(values))
        self._live_runs.discard(run_id)

    def add_document(self, doc: Document, run_id: int | None = None) -> bool:
        """Store `doc`; False (and nothing written) when its content hash is known, even
        when another process stored it a moment ago."""
        self._checkpoint()
        with self._writing() as connection:
            insert = insert_new(documents, connection.dialect.name).returning(documents.c.sha256)
            row = document_row(doc, run_id, _now())
            if connection.execute(insert, row).first() is None:
                return False
        self._added = doc.sha256
        self._count_pending()
        return True

    def add_facts(self, sha: str, new: Iterable[Fact], run_id: int | None = None) -> int:
        """Store the facts of document `sha`; those already stored (by any process) are
        left alone. Returns how many were added.
        """
        rows = {row["fact_key"]: row for row in (fact_row(sha, f, run_id) for f in new)}
        if not rows:
            return 0
        with self._writing() as connection:
            insert = insert_new(facts, connection.dialect.name).returning(facts.c.fact_key)
            return len(connection.execute(insert, list(rows.values())).all())

    def add_documents(
        self, new: list[NewDocument], sighted: list[Document], run_id: int | None = None
    ) -> set[str]:
        """Store many documents with their facts and marks, and a sighting of each new or
        `sighted` one, in a few statements; returns the content hashes actually stored."""
        if not new and not sighted:
            return set()
        with self._writing() as connection:
            stored = bulk.write(connection, new, sighted, run_id, _now())
        if self._batch is not None:
            if not self._pending:
                self._since = time.monotonic()
            self._pending += len(new) + len(sighted)
        # Commit after writing, never before: what the caller saved while these documents
        # waited in its chunk (a page's fetch state) commits with them, not ahead of them.
        self._checkpoint()
        return stored

    def known_documents(self, shas: Iterable[str]) -> set[str]:
        """Which of these content hashes the ledger holds."""
        with self._connection() as connection:
            return bulk.known(connection, shas)

    def record_skip(self, skip: Skipped, run_id: int | None = None) -> None:
        with self._connection() as connection:
            connection.execute(sa.insert(skipped).values(skip_row(skip, run_id, _now())))

    def record_sighting(self, doc: Document, run_id: int | None = None) -> None:
        """Note a read of the stored document `doc`; repeats from elsewhere are exact duplicates.

        Every read is a sighting of its own (the table has no key but its id, so there is
        no conflict to skip); a sighting of a known document counts toward the batch.
        """
        known = doc.sha256 != self._added  # not the document just stored, with facts to come
        if known:
            self._checkpoint()
        with self._writing() as connection:
            duplicates.record_sighting(connection, doc, run_id, _now())
        if known and self._batch is not None:
            self._count_pending()

    def mark_document(
        self,
        sha: str,
        *,
        extracted: bool = True,
        near_duplicate_of: str | None = None,
        minhash: bytes | None = None,
    ) -> None:
        """Record whether document `sha` was extracted, the story it republishes, its MinHash."""
        with self._connection() as connection:
            duplicates.mark_document(
                connection,
                sha,
                extracted=extracted,
                near_duplicate_of=near_duplicate_of,
                minhash=minhash,
            )

    def mark_partition_done(
        self, key: str, label: str, run_id: int | None = None, items: int = 0
    ) -> None:
        """Record that partition `key` is committed; inside `batch()`, with its last documents."""
        with self._writing() as connection:
            manifest.mark_done(connection, key, label, run_id, items, _now())

    def done_partitions(self) -> set[str]:
        """The keys of the partitions earlier runs committed whole (`mark_partition_done`)."""
        with self._connection() as connection:
            return manifest.done(connection)

    def fetch_state(self, url: str) -> FetchState | None:
        """What the last fetch of `url` saw (validators, status, the document it gave)."""
        with self._connection() as connection:
            return get_state(connection, url)

    def save_fetch_state(self, state: FetchState) -> None:
        """Remember a fetch; inside `batch()` it commits with the documents around it."""
        with self._connection() as connection:
            save_state(connection, state)

    def replace_entries(
        self, entry_rows: list[dict[str, Any]], links: list[dict[str, Any]]
    ) -> None:
        """Replace every ledger entry and its facts with a new reconciliation, atomically."""
        with self._transaction() as connection:
            reconciled.replace_entries(connection, entry_rows, links)
            reconciled.bump_state(connection, _now())

    def add_decision(
        self, decision: Decision, expected: tuple[int, int] | None = None
    ) -> int | None:
        """Append an analyst's decision to the audit log; returns its id. With `expected`
        (fact id, review version), only while that fact is still at that version: else
        nothing is written and None is returned (a stale edit never overwrites)."""
        with self._transaction() as connection:
            if expected is not None and not reconciled.claim_version(connection, *expected):
                return None
            claimed = expected[0] if expected is not None else None
            reconciled.bump_version(connection, decision.fact_keys, claimed)
            return reconciled.add_decision(connection, decision, _now())

    def add_user(self, name: str, role: str, token_sha256: str) -> int:
        with self._transaction() as connection:
            return reconciled.add_user(connection, name, role, token_sha256, _now())

    def load_gdp(self, rows: list[dict[str, Any]]) -> int:
        """Store GDP figures (iso3, year, gdp_usd, source); they override the shipped ones."""
        with self._transaction() as connection:
            return reconciled.load_gdp(connection, rows, _now())

    @contextmanager
    def reconciling(self) -> Iterator[None]:
        """Hold while reading facts and replacing entries: one reconciliation at a time."""
        with reconciled.exclusive(self.engine, self._reconcile_guard):
            yield

    def runs(self) -> list[dict[str, Any]]:
        """Every run, newest first: id, label, started, finished, status, counts."""
        with self._connection() as connection:
            return [dict(row) for row in connection.execute(queries.run_query()).mappings()]
