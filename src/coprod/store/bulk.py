"""Many documents written at once: one statement per table for a whole chunk of documents.

The pipeline hands over documents already prepared elsewhere (a Dask worker's language,
facts and signature) in chunks; writing a chunk with a few multi-row statements instead of
five statements per document is what lets one writer keep up with many workers. The
rows are the ones the per-document path writes, so both paths build the same ledger.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from coprod.model import Document, Fact
from coprod.store.duplicates import sighting_row
from coprod.store.rows import document_row, fact_row, insert_new
from coprod.store.tables import documents, facts, sightings

STEP = timedelta(microseconds=1)  # documents of one chunk keep their order in `ingested_at`


@dataclass(frozen=True)
class NewDocument:
    """A document to store with what ingestion learned of it, and its facts."""

    doc: Document
    facts: list[Fact] = field(default_factory=list)
    extracted: bool = True
    near_duplicate_of: str | None = None
    minhash: bytes | None = None


def known(connection: sa.Connection, shas: Iterable[str]) -> set[str]:
    """Which of `shas` the ledger already holds."""
    wanted = sorted(set(shas))
    if not wanted:
        return set()
    query = sa.select(documents.c.sha256).where(documents.c.sha256.in_(wanted))
    return {str(sha) for sha in connection.scalars(query)}


def write(
    connection: sa.Connection,
    new: Sequence[NewDocument],
    sighted: Sequence[Document],
    run_id: int | None,
    now: datetime,
) -> set[str]:
    """Insert `new` (documents, then their facts) and a sighting of each new or `sighted`
    document; returns the new ones actually stored (another writer may have been first)."""
    stored: set[str] = set()
    if new:
        rows = [_document_row(item, run_id, now + i * STEP) for i, item in enumerate(new)]
        insert = insert_new(documents, connection.dialect.name).returning(documents.c.sha256)
        stored = {str(sha) for sha in connection.execute(insert, rows).scalars()}
    seen = [item.doc for item in new] + list(sighted)
    if seen:
        connection.execute(sa.insert(sightings), [sighting_row(doc, run_id, now) for doc in seen])
    fact_rows = _fact_rows(new, run_id)
    if fact_rows:
        connection.execute(insert_new(facts, connection.dialect.name), fact_rows)
    return stored


def _document_row(item: NewDocument, run_id: int | None, now: datetime) -> dict[str, Any]:
    marks = {
        "extracted": item.extracted,
        "near_duplicate_of": item.near_duplicate_of,
        "minhash": item.minhash,
    }
    return document_row(item.doc, run_id, now) | marks


def _fact_rows(new: Sequence[NewDocument], run_id: int | None) -> list[dict[str, Any]]:
    """Every fact row, one per fact key (a document's repeated fact is one fact)."""
    rows: dict[str, dict[str, Any]] = {}
    for item in new:
        sha = item.doc.sha256
        for fact in item.facts:
            row = fact_row(sha, fact, run_id)
            rows[row["fact_key"]] = row
    return list(rows.values())
