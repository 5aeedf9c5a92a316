"""The reads the views need, as SQLAlchemy Core statements. Nothing here writes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from coprod.model import FACT_TYPES
from coprod.store import duplicates
from coprod.store.tables import documents, facts, runs, skipped

INTERNAL = ("fact_key", "document_sha", "run_id", "review_version")  # bookkeeping
FACT_COLUMNS = [c for c in facts.c if c.name not in INTERNAL]
DOCUMENT_COLUMNS = [  # each fact row names its source
    documents.c.sha256.label("document_sha"),
    documents.c.id.label("document_id"),
    documents.c.url.label("document_url"),
    documents.c.title.label("document_title"),
    documents.c.outlet.label("document_outlet"),
    documents.c.date.label("document_date"),
]

FactRow = dict[str, Any]  # one fact with its source, as `Store.facts()` returns it
# The keys of every FactRow, in order.
FACT_ROW_KEYS = tuple(c.name for c in FACT_COLUMNS) + tuple(c.name for c in DOCUMENT_COLUMNS)


@dataclass(frozen=True)
class FactFilter:
    """Which facts to read; None means any. Dates bound the source's publication date."""

    type: str | None = None
    funder: str | None = None
    party: str | None = None
    funder_or_party: str | None = None  # funder, party, or the subject of a target
    mechanism: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    all_copies: bool = False  # also the facts of republished copies (near-duplicates)


@dataclass(frozen=True)
class Counts:
    """What the ledger holds: documents, facts per type (a republished story's once),
    skipped inputs per reason, duplicates, documents per language, and those not extracted."""

    documents: int
    facts: dict[str, int]
    skipped: dict[str, int]
    duplicates: dict[str, int] = field(default_factory=lambda: {"exact": 0, "near": 0})
    languages: dict[str, int] = field(default_factory=dict)
    not_extracted: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "facts": self.facts,
            "skipped": self.skipped,
            "duplicates": self.duplicates,
            "languages": self.languages,
            "not_extracted": self.not_extracted,
        }


def fact_query(where: FactFilter) -> sa.Select[Any]:
    """Facts with their sources, oldest publication first."""
    query = (
        sa.select(*FACT_COLUMNS, *DOCUMENT_COLUMNS)
        .join_from(facts, documents, facts.c.document_sha == documents.c.sha256)
        .order_by(documents.c.date.asc().nulls_last(), facts.c.id)
    )
    return query.where(*_conditions(where))


SORTS = {  # what the facts can be sorted by, and the column that does it
    "date": documents.c.date,
    "id": facts.c.id,
    "type": facts.c.type,
    "amount": facts.c.amount,
    "confidence": facts.c.confidence,
}


# Counting every match of a page costs a scan of the ledger; past this many, a page's
# total says "more than COUNT_CAP" (COUNT_CAP + 1) rather than counting to a million.
# (Counting to 10,000 took 3 s for a filter matching 2% of a million facts: bench/serve.py.)
COUNT_CAP = 1_000


def fact_page_query(
    where: FactFilter, text: str | None, sort: str, descending: bool
) -> tuple[sa.Select[Any], sa.Select[Any]]:
    """A page of facts (the caller adds limit and offset) and the count of all matching,
    up to COUNT_CAP + 1.

    `text` searches the evidence, the document's title and its outlet, case-insensitively.
    """
    conditions = _conditions(where)
    if text:
        like = f"%{text}%"
        conditions.append(
            sa.or_(
                facts.c.evidence.ilike(like),
                documents.c.title.ilike(like),
                documents.c.outlet.ilike(like),
            )
        )
    column = SORTS[sort]
    order = column.desc().nulls_last() if descending else column.asc().nulls_last()
    joined = sa.select(*FACT_COLUMNS, *DOCUMENT_COLUMNS).join_from(
        facts, documents, facts.c.document_sha == documents.c.sha256
    )
    page = joined.where(*conditions).order_by(order, facts.c.id)
    matching = (
        sa.select(facts.c.id)
        .join_from(facts, documents, facts.c.document_sha == documents.c.sha256)
        .where(*conditions)
        .limit(COUNT_CAP + 1)
    )
    total = sa.select(sa.func.count()).select_from(matching.subquery())
    return page, total


def _conditions(where: FactFilter) -> list[sa.ColumnElement[bool]]:
    equal = {facts.c.type: where.type, facts.c.mechanism: where.mechanism}
    out = [column == value for column, value in equal.items() if value is not None]
    if not where.all_copies:
        out.append(documents.c.near_duplicate_of.is_(None))
    if where.funder is not None:
        out.append(_lists(facts.c.funder, where.funder))
    if where.party is not None:
        out.append(_lists(facts.c.parties, where.party))
    if where.funder_or_party is not None:
        out.append(_partner(where.funder_or_party))
    if where.since is not None:
        out.append(documents.c.date >= where.since)
    if where.until is not None:
        out.append(documents.c.date <= where.until)
    return out


def _partner(code: str) -> sa.ColumnElement[bool]:
    return sa.or_(
        _lists(facts.c.funder, code),
        _lists(facts.c.parties, code),
        facts.c.subject == code.upper(),
    )


def _lists(column: sa.Column[Any], code: str) -> sa.ColumnElement[bool]:
    """The JSON list in `column` holds `code`. Portable: a substring test on the JSON text."""
    needle = json.dumps(code.upper())  # with its quotes, so "NO" never matches "NOR"
    return sa.cast(column, sa.Text).contains(needle, autoescape=True)


def counts(connection: sa.Connection) -> Counts:
    """Skipped inputs are counted once per source, however many runs skipped them; the
    facts of a republished story once, from its first document."""
    n_documents = connection.scalar(sa.select(sa.func.count()).select_from(documents))
    per_type = _facts_per_type(connection)
    by_reason = _grouped(connection, skipped.c.reason, sa.func.count(skipped.c.source.distinct()))
    return Counts(
        documents=n_documents or 0,
        facts={t: per_type.get(t, 0) for t in FACT_TYPES},
        skipped=dict(sorted(by_reason.items())),
        duplicates=duplicates.duplicate_counts(connection),
        languages=duplicates.language_counts(connection),
        not_extracted=duplicates.not_extracted(connection),
    )


def _facts_per_type(connection: sa.Connection) -> dict[str, int]:
    originals = documents.c.near_duplicate_of.is_(None)
    query = (
        sa.select(facts.c.type, sa.func.count())
        .join_from(facts, documents, facts.c.document_sha == documents.c.sha256)
        .where(originals)
        .group_by(facts.c.type)
    )
    return {str(k): int(n) for k, n in connection.execute(query)}


def _grouped(
    connection: sa.Connection, key: sa.Column[Any], count: sa.ColumnElement[int]
) -> dict[str, int]:
    rows = connection.execute(sa.select(key, count).group_by(key))
    return {str(k): int(n) for k, n in rows}


def run_query() -> sa.Select[Any]:
    """Every run, newest first."""
    return sa.select(runs).order_by(runs.c.id.desc())


DOCUMENT_FIELDS = [
    documents.c.sha256,
    documents.c.id,
    documents.c.url,
    documents.c.title,
    documents.c.outlet,
    documents.c.date,
    documents.c.lang,
    documents.c.kind,
    documents.c.near_duplicate_of,
]


def document_page_query(text: str | None) -> tuple[sa.Select[Any], sa.Select[Any]]:
    """Documents, newest first (the caller adds limit and offset), and their count; `text`
    searches titles, outlets and URLs."""
    conditions = []
    if text:
        like = f"%{text}%"
        conditions.append(
            sa.or_(
                documents.c.title.ilike(like),
                documents.c.outlet.ilike(like),
                documents.c.url.ilike(like),
            )
        )
    page = (
        sa.select(*DOCUMENT_FIELDS)
        .where(*conditions)
        .order_by(documents.c.date.desc().nulls_last(), documents.c.sha256)
    )
    total = sa.select(sa.func.count()).select_from(documents).where(*conditions)
    return page, total


def document_query(sha: str) -> sa.Select[Any]:
    return sa.select(*DOCUMENT_FIELDS, documents.c.text).where(documents.c.sha256 == sha)


def fact_query_by_id(fact_id: int) -> sa.Select[Any]:
    return (
        sa.select(*FACT_COLUMNS, facts.c.review_version, *DOCUMENT_COLUMNS)
        .join_from(facts, documents, facts.c.document_sha == documents.c.sha256)
        .where(facts.c.id == fact_id)
    )
