"""Plain objects to table rows: documents, facts and skips as the tables store them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from coprod.model import Document, Fact, Skipped
from coprod.store.tables import facts

NOT_IDENTITY = ("confidence", "notes")  # a re-scored fact with new notes is the same fact
# Every column a fact row can fill, so that rows of all four types insert together.
FACT_ROW: dict[str, Any] = {
    c.name: None for c in facts.c if not c.primary_key and c.server_default is None
}


def insert_new(table: sa.Table, dialect: str) -> sa.Insert:
    """An INSERT that skips rows whose key is already stored (another process may have
    written them a moment ago) instead of failing: ON CONFLICT DO NOTHING, in the
    dialect's words. Add `.returning(...)` to learn which rows went in."""
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise ValueError(f"no INSERT ... ON CONFLICT DO NOTHING for {dialect!r}")


DOCUMENT_FIELDS = tuple(f.name for f in fields(Document))  # all text: no deep copy needed


def document_row(doc: Document, run_id: int | None, now: datetime) -> dict[str, Any]:
    row = {name: getattr(doc, name) for name in DOCUMENT_FIELDS}
    return row | {"sha256": doc.sha256, "run_id": run_id, "ingested_at": now}


def fact_row(sha: str, fact: Fact, run_id: int | None) -> dict[str, Any]:
    """The fact's GUIDELINE fields and provenance, tied to its document by content hash."""
    fields = fact.to_dict()
    keys = {"document_sha": sha, "fact_key": _key(sha, fields), "run_id": run_id}
    return FACT_ROW | fields | keys


def fact_key(sha: str, fact: Fact) -> str:
    """Same document, type, span, rule and fields: the same fact, however often it is added."""
    return _key(sha, fact.to_dict())


def _key(sha: str, fields: dict[str, Any]) -> str:
    data = {k: v for k, v in fields.items() if k not in NOT_IDENTITY}
    payload = json.dumps([sha, _canonical(data)], sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _canonical(value: Any) -> Any:
    """Numbers as floats and tuples as lists, so 20000000 and 20000000.0 key alike."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def skip_row(skip: Skipped, run_id: int | None, now: datetime) -> dict[str, Any]:
    return asdict(skip) | {"run_id": run_id, "recorded_at": now}
