"""Duplicates and languages in the ledger: sightings, near-duplicate links, what was extracted.

Exact duplicates are repeat sightings: the same text (one content hash) read from another
source. A near-duplicate is a document whose `near_duplicate_of` names the first document
of its group (the same wire story under another headline, or trimmed). Writes take the
caller's connection; `Store` wraps them in its transactions.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from coprod.model import Document
from coprod.store.tables import documents, sightings

UNKNOWN_LANGUAGE = "unknown"  # the key under which documents of undetermined language count
# Written once per document: bound parameters, so each statement is compiled once per run.
_MARK = sa.update(documents).where(documents.c.sha256 == sa.bindparam("sha"))


def record_sighting(
    connection: sa.Connection, doc: Document, run_id: int | None, now: datetime
) -> None:
    """Note that `doc` (already stored) was read, from `doc.source` (else its URL, else id)."""
    connection.execute(sa.insert(sightings), sighting_row(doc, run_id, now))


def sighting_row(doc: Document, run_id: int | None, now: datetime) -> dict[str, Any]:
    """The row of one read of `doc`."""
    return {
        "document_sha": doc.sha256,
        "source": doc.source or doc.url or doc.id,
        "url": doc.url,
        "run_id": run_id,
        "seen_at": now,
    }


def mark_document(
    connection: sa.Connection,
    sha: str,
    *,
    extracted: bool,
    near_duplicate_of: str | None,
    minhash: bytes | None,
) -> None:
    """Set what ingestion learned of a stored document: extracted, its original, signature."""
    values = {"extracted": extracted, "near_duplicate_of": near_duplicate_of, "minhash": minhash}
    connection.execute(_MARK, {"sha": sha, **values})


def signatures(connection: sa.Connection) -> Iterator[tuple[str, bytes, str | None]]:
    """(sha, MinHash bytes, near_duplicate_of) of every signed document, oldest first."""
    query = (
        sa.select(documents.c.sha256, documents.c.minhash, documents.c.near_duplicate_of)
        .where(documents.c.minhash.is_not(None))
        .order_by(documents.c.ingested_at, documents.c.sha256)
    )
    for sha, minhash, original in connection.execute(query):
        yield str(sha), bytes(minhash), original


def duplicate_counts(connection: sa.Connection) -> dict[str, int]:
    """`exact`: extra sources the same text was read from; `near`: republished documents."""
    pairs = sa.select(sightings.c.document_sha, sightings.c.source).distinct().subquery()
    n_pairs = connection.scalar(sa.select(sa.func.count()).select_from(pairs)) or 0
    n_seen = connection.scalar(sa.select(sa.func.count(sightings.c.document_sha.distinct())))
    near = sa.select(sa.func.count()).where(documents.c.near_duplicate_of.is_not(None))
    return {"exact": n_pairs - (n_seen or 0), "near": connection.scalar(near) or 0}


def language_counts(connection: sa.Connection) -> dict[str, int]:
    """Documents per language, most common first; undetermined ones as 'unknown'."""
    n = sa.func.count()
    rows = connection.execute(
        sa.select(documents.c.lang, n).group_by(documents.c.lang).order_by(n.desc())
    )
    return {str(lang or UNKNOWN_LANGUAGE): int(count) for lang, count in rows}


def not_extracted(connection: sa.Connection) -> int:
    """Documents stored but not extracted: in a language the rules do not read."""
    query = sa.select(sa.func.count()).where(documents.c.extracted.is_(False))
    return connection.scalar(query) or 0


def duplicate_groups(connection: sa.Connection) -> list[dict[str, Any]]:
    """Each story published more than once: its first document and the copies, by date."""
    copy = documents.alias("copy")
    query = (
        sa.select(
            documents.c.sha256,
            documents.c.url,
            documents.c.title,
            copy.c.sha256.label("copy_sha"),
            copy.c.url.label("copy_url"),
            copy.c.title.label("copy_title"),
        )
        .join_from(documents, copy, copy.c.near_duplicate_of == documents.c.sha256)
        .order_by(documents.c.date, documents.c.sha256, copy.c.date, copy.c.sha256)
    )
    groups: dict[str, dict[str, Any]] = {}
    for row in connection.execute(query).mappings():
        group = groups.setdefault(
            row["sha256"],
            {"sha256": row["sha256"], "url": row["url"], "title": row["title"], "copies": []},
        )
        copy_row = {"sha256": row["copy_sha"], "url": row["copy_url"], "title": row["copy_title"]}
        group["copies"].append(copy_row)
    return list(groups.values())
