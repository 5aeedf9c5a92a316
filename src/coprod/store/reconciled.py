"""Reads and writes of the reconciled ledger: entries, their facts, decisions, loaded GDP.

Entries are derived data: each reconciliation replaces them all in one transaction, so a
reader sees the old set or the new one, never half. Decisions are only ever appended.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from coprod.model import Decision
from coprod.store.queries import DOCUMENT_COLUMNS, FACT_COLUMNS
from coprod.store.tables import (
    decisions,
    documents,
    entries,
    entry_facts,
    facts,
    gdp,
    ledger_state,
    users,
)

INSERT_CHUNK = 500  # rows per INSERT: under SQLite's bound-parameter limit for wide rows


def reconcile_query() -> sa.Select[Any]:
    """Every fact with its key and source, republished copies included, oldest first."""
    return (
        sa.select(*FACT_COLUMNS, facts.c.fact_key, *DOCUMENT_COLUMNS)
        .join_from(facts, documents, facts.c.document_sha == documents.c.sha256)
        .order_by(documents.c.date.asc().nulls_last(), facts.c.id)
    )


def replace_entries(
    connection: sa.Connection, entry_rows: Sequence[dict[str, Any]], links: Sequence[dict[str, Any]]
) -> None:
    connection.execute(sa.delete(entry_facts))
    connection.execute(sa.delete(entries))
    for table, rows in ((entries, entry_rows), (entry_facts, links)):
        for start in range(0, len(rows), INSERT_CHUNK):
            connection.execute(sa.insert(table), list(rows[start : start + INSERT_CHUNK]))


def entries_query(type: str | None = None) -> sa.Select[Any]:
    query = sa.select(entries).order_by(entries.c.type, entries.c.date.nulls_last(), entries.c.key)
    return query.where(entries.c.type == type) if type else query


def evidence_query(entry_key: str | None = None) -> sa.Select[Any]:
    """Each entry's facts with their source, conversion and reason, oldest first."""
    query = (
        sa.select(
            entry_facts.c.entry_key,
            entry_facts.c.reason,
            entry_facts.c.fx_date,
            entry_facts.c.eur_rate,
            entry_facts.c.usd_rate,
            entry_facts.c.eur,
            entry_facts.c.usd,
            entry_facts.c.fx_note,
            facts.c.fact_key,
            *FACT_COLUMNS,
            *DOCUMENT_COLUMNS,
        )
        .join_from(entry_facts, facts, entry_facts.c.fact_key == facts.c.fact_key)
        .join(documents, facts.c.document_sha == documents.c.sha256)
        .order_by(entry_facts.c.entry_key, documents.c.date.nulls_last(), facts.c.id)
    )
    return query.where(entry_facts.c.entry_key == entry_key) if entry_key else query


def fact_keys(connection: sa.Connection, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Fact id -> (fact key, type), for the ids that exist."""
    query = sa.select(facts.c.id, facts.c.fact_key, facts.c.type).where(facts.c.id.in_(ids))
    return {int(i): (str(k), str(t)) for i, k, t in connection.execute(query)}


def fact_types(connection: sa.Connection, keys: Sequence[str]) -> dict[str, str]:
    """Fact key -> type, for the keys that exist."""
    query = sa.select(facts.c.fact_key, facts.c.type).where(facts.c.fact_key.in_(list(keys)))
    return {str(k): str(t) for k, t in connection.execute(query)}


def entry_fact_keys(connection: sa.Connection, prefix: str) -> list[str]:
    """The fact keys of the entry whose key starts with `prefix` (empty: none or several)."""
    like = prefix.replace("%", "").replace("_", "") + "%"
    keys = connection.scalars(sa.select(entries.c.key).where(entries.c.key.like(like)).limit(2))
    found = list(keys)
    if len(found) != 1:
        return []
    query = sa.select(entry_facts.c.fact_key).where(entry_facts.c.entry_key == found[0])
    return list(connection.scalars(query))


def add_decision(connection: sa.Connection, decision: Decision, now: datetime) -> int:
    row = {
        "at": decision.at or now,
        "by": decision.by,
        "action": decision.action,
        "fact_keys": list(decision.fact_keys),
        "fields": decision.fields,
        "why": decision.why,
    }
    result = connection.execute(sa.insert(decisions).values(row).returning(decisions.c.id))
    return int(result.scalar_one())


def all_decisions(connection: sa.Connection) -> list[Decision]:
    rows = connection.execute(sa.select(decisions).order_by(decisions.c.id)).mappings()
    return [
        Decision(
            action=r["action"],
            fact_keys=list(r["fact_keys"]),
            by=r["by"],
            why=r["why"],
            fields=r["fields"],
            at=_aware(r["at"]),
            id=r["id"],
        )
        for r in rows
    ]


def _aware(value: datetime) -> datetime:
    """SQLite hands back the UTC time it stored without its zone; give it back."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def load_gdp(connection: sa.Connection, rows: Sequence[dict[str, Any]], now: datetime) -> int:
    """Upsert GDP figures by (iso3, year): a newer file replaces what an older one gave."""
    for row in rows:
        key = (gdp.c.iso3 == row["iso3"]) & (gdp.c.year == row["year"])
        connection.execute(sa.delete(gdp).where(key))
    for start in range(0, len(rows), INSERT_CHUNK):
        chunk = [r | {"loaded_at": now} for r in rows[start : start + INSERT_CHUNK]]
        connection.execute(sa.insert(gdp), chunk)
    return len(rows)


def gdp_rows(connection: sa.Connection) -> list[dict[str, Any]]:
    query = sa.select(gdp).order_by(gdp.c.loaded_at, gdp.c.iso3, gdp.c.year)
    return [dict(r) for r in connection.execute(query).mappings()]


# -- reviews with optimistic concurrency, users, and the ledger's version ----------------


def fact_version(connection: sa.Connection, fact_id: int) -> int | None:
    query = sa.select(facts.c.review_version).where(facts.c.id == fact_id)
    found = connection.scalar(query)
    return None if found is None else int(found)


def claim_version(connection: sa.Connection, fact_id: int, expected: int) -> bool:
    """Bump the fact's review version if it is still `expected`: one writer wins."""
    result = connection.execute(
        sa.update(facts)
        .where(facts.c.id == fact_id, facts.c.review_version == expected)
        .values(review_version=facts.c.review_version + 1)
    )
    return result.rowcount == 1


def bump_version(
    connection: sa.Connection, fact_keys: Sequence[str], claimed: int | None = None
) -> None:
    """Every fact a decision names gets a new version (its old ETags go stale); the fact
    whose version was just claimed has its new one already."""
    connection.execute(
        sa.update(facts)
        .where(facts.c.fact_key.in_(list(fact_keys)), facts.c.id != (claimed or -1))
        .values(review_version=facts.c.review_version + 1)
    )


def bump_state(connection: sa.Connection, now: datetime, name: str = "entries") -> None:
    updated = connection.execute(
        sa.update(ledger_state)
        .where(ledger_state.c.name == name)
        .values(version=ledger_state.c.version + 1, updated_at=now)
    )
    if updated.rowcount == 0:
        connection.execute(sa.insert(ledger_state).values(name=name, version=1, updated_at=now))


def state_version(connection: sa.Connection, name: str = "entries") -> int:
    found = connection.scalar(sa.select(ledger_state.c.version).where(ledger_state.c.name == name))
    return int(found or 0)


def add_user(connection: sa.Connection, name: str, role: str, digest: str, now: datetime) -> int:
    row = {"name": name, "role": role, "token_sha256": digest, "created_at": now}
    result = connection.execute(sa.insert(users).values(row).returning(users.c.id))
    return int(result.scalar_one())


def user_by_token(connection: sa.Connection, digest: str) -> dict[str, Any] | None:
    query = sa.select(users.c.id, users.c.name, users.c.role).where(users.c.token_sha256 == digest)
    found = connection.execute(query).mappings().first()
    return dict(found) if found else None


def user_by_name(connection: sa.Connection, name: str) -> dict[str, Any] | None:
    query = sa.select(users.c.id, users.c.name, users.c.role).where(users.c.name == name)
    found = connection.execute(query).mappings().first()
    return dict(found) if found else None


RECONCILE_LOCK = 7_319_031  # PostgreSQL advisory lock key: one reconciliation at a time


@contextmanager
def exclusive(engine: sa.Engine, guard: threading.Lock) -> Iterator[None]:
    """One reconciliation at a time: `guard` for this process's threads and, on
    PostgreSQL, an advisory lock for every process on the ledger. (SQLite writers
    already queue on its lock; two processes reconciling one SQLite file at once may
    leave the later one's entries, which every next run rebuilds.)"""
    with guard:
        if engine.dialect.name != "postgresql":
            yield
            return
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": RECONCILE_LOCK})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": RECONCILE_LOCK})
                connection.commit()


def entry_page_query(
    type: str | None, partner: str | None, conflicts: bool
) -> tuple[sa.Select[Any], sa.Select[Any]]:
    """A page of entries (the caller adds limit and offset) and the count of all matching."""
    conditions: list[sa.ColumnElement[bool]] = []
    if type:
        conditions.append(entries.c.type == type)
    if conflicts:
        conditions.append(entries.c.conflict.is_not(None))
    if partner:
        needle = json.dumps(partner.upper())
        conditions.append(
            sa.or_(
                sa.cast(entries.c.funder, sa.Text).contains(needle, autoescape=True),
                sa.cast(entries.c.parties, sa.Text).contains(needle, autoescape=True),
            )
        )
    page = (
        sa.select(entries)
        .where(*conditions)
        .order_by(entries.c.type, entries.c.date.nulls_last(), entries.c.key)
    )
    total = sa.select(sa.func.count()).select_from(entries).where(*conditions)
    return page, total


def entry_query(key: str) -> sa.Select[Any]:
    return sa.select(entries).where(entries.c.key == key)
