"""The manifest of a scaled-out ingest: partitions whose documents are all committed.

A partition is marked done in the transaction that commits its last documents, so a mark
never outlives its documents: after a crash, every partition not marked is read again
(its documents already stored count as known) and every marked one is passed over.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from coprod.store.rows import insert_new
from coprod.store.tables import partitions


def done(connection: sa.Connection) -> set[str]:
    """The keys of every partition marked done."""
    return {str(key) for key in connection.scalars(sa.select(partitions.c.key))}


def mark_done(
    connection: sa.Connection, key: str, label: str, run_id: int | None, items: int, now: datetime
) -> None:
    """Mark partition `key` done; a mark already there (another run's) is kept."""
    row = {"key": key, "label": label, "run_id": run_id, "items": items, "done_at": now}
    connection.execute(insert_new(partitions, connection.dialect.name), row)
