"""What the fetcher remembers of each URL (table `fetch_state`): read and upsert.

Both take an open connection, so the state of a page is written in the same
transaction as the document it gave: a crash loses both or neither.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

import sqlalchemy as sa

from coprod.ingest.fetch import FetchState
from coprod.store.tables import fetch_state

_BY_URL = sa.select(fetch_state).where(fetch_state.c.url == sa.bindparam("url"))


def get_state(connection: sa.Connection, url: str) -> FetchState | None:
    """The state of `url`, or None when it was never fetched."""
    row = connection.execute(_BY_URL, {"url": url}).mappings().first()
    return None if row is None else FetchState(**row)


def save_state(connection: sa.Connection, state: FetchState) -> None:
    """Insert or replace the state of `state.url`."""
    row = asdict(state)
    row["fetched_at"] = state.fetched_at or datetime.now(UTC)
    changed = connection.execute(
        sa.update(fetch_state).where(fetch_state.c.url == state.url).values(row)
    )
    if changed.rowcount == 0:
        connection.execute(sa.insert(fetch_state).values(row))
