"""The Store's reads: counts, documents and facts; the reconciled ledger's entries and
their evidence, decisions, review versions, users and GDP figures. A part of `Store`, kept
apart from its writes and transactions to keep each module short."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

import sqlalchemy as sa

from coprod.model import Decision
from coprod.store import duplicates, queries, reconciled
from coprod.store.queries import Counts, FactFilter, FactRow
from coprod.store.tables import documents

# Built once with a bound parameter: compiled once, not once per document.
_KNOWN_DOCUMENT = sa.select(documents.c.sha256).where(documents.c.sha256 == sa.bindparam("sha"))


class Reads:
    """Reads through `_connection()`, which `Store` provides (a batch's, or its own)."""

    def _connection(self) -> AbstractContextManager[sa.Connection]:
        raise NotImplementedError

    def counts(self) -> Counts:
        with self._connection() as connection:
            return queries.counts(connection)

    def facts(
        self,
        *,
        type: str | None = None,
        funder_or_party: str | None = None,
        funder: str | None = None,
        party: str | None = None,
        mechanism: str | None = None,
        since: str | None = None,
        until: str | None = None,
        all_copies: bool = False,
    ) -> list[FactRow]:
        """Facts as flat dicts: the fact's fields, its id, and `document_*` for its source.

        A story republished elsewhere (a near-duplicate) gives its facts once, from its
        first document, unless `all_copies`.
        """
        where = FactFilter(
            type=type,
            funder=funder,
            party=party,
            funder_or_party=funder_or_party,
            mechanism=mechanism,
            since=since,
            until=until,
            all_copies=all_copies,
        )
        with self._connection() as connection:
            result = connection.execute(queries.fact_query(where))
            return [dict(row) for row in result.mappings()]

    def fact_page(
        self,
        where: FactFilter,
        *,
        text: str | None = None,
        sort: str = "date",
        descending: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[FactRow], int]:
        """One page of facts and how many match in all (see `queries.fact_page_query`)."""
        page, total = queries.fact_page_query(where, text, sort, descending)
        with self._connection() as connection:
            rows = connection.execute(page.limit(limit).offset(offset)).mappings()
            return [dict(r) for r in rows], int(connection.scalar(total) or 0)

    def document_page(
        self, *, text: str | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        page, total = queries.document_page_query(text)
        with self._connection() as connection:
            rows = connection.execute(page.limit(limit).offset(offset)).mappings()
            return [dict(r) for r in rows], int(connection.scalar(total) or 0)

    def document(self, sha: str) -> dict[str, Any] | None:
        """One document with its text, or None."""
        with self._connection() as connection:
            found = connection.execute(queries.document_query(sha)).mappings().first()
            return dict(found) if found else None

    def fact(self, fact_id: int) -> FactRow | None:
        """One fact with its source and `review_version`, or None."""
        with self._connection() as connection:
            found = connection.execute(queries.fact_query_by_id(fact_id)).mappings().first()
            return dict(found) if found else None

    def signatures(self) -> list[tuple[str, bytes, str | None]]:
        """(sha, MinHash bytes, near_duplicate_of) of every signed document, oldest first."""
        with self._connection() as connection:
            return list(duplicates.signatures(connection))

    def duplicate_groups(self) -> list[dict[str, Any]]:
        """Each story published more than once: its first document and the copies."""
        with self._connection() as connection:
            return duplicates.duplicate_groups(connection)

    def has_document(self, sha: str) -> bool:
        with self._connection() as connection:
            return connection.scalar(_KNOWN_DOCUMENT, {"sha": sha}) is not None

    def reconcile_rows(self) -> list[FactRow]:
        """Every fact with its fact key and source, republished copies included."""
        with self._connection() as connection:
            result = connection.execute(reconciled.reconcile_query())
            return [dict(row) for row in result.mappings()]

    def entries(self, type: str | None = None) -> list[dict[str, Any]]:
        """Ledger entries as the last reconciliation left them, by type and date."""
        with self._connection() as connection:
            result = connection.execute(reconciled.entries_query(type))
            return [dict(row) for row in result.mappings()]

    def evidence(self, entry_key: str | None = None) -> list[dict[str, Any]]:
        """The facts of one entry (or of all), each with source, conversion and reason."""
        with self._connection() as connection:
            result = connection.execute(reconciled.evidence_query(entry_key))
            return [dict(row) for row in result.mappings()]

    def decisions(self) -> list[Decision]:
        """The audit log, oldest first."""
        with self._connection() as connection:
            return reconciled.all_decisions(connection)

    def fact_keys(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        """Fact id -> (fact key, type) for the ids that exist."""
        with self._connection() as connection:
            return reconciled.fact_keys(connection, ids)

    def fact_types(self, keys: list[str]) -> dict[str, str]:
        """Fact key -> type, for the keys that exist."""
        with self._connection() as connection:
            return reconciled.fact_types(connection, keys)

    def entry_fact_keys(self, prefix: str) -> list[str]:
        """The fact keys of the one entry whose key starts with `prefix`, else []."""
        with self._connection() as connection:
            return reconciled.entry_fact_keys(connection, prefix)

    def user_by_name(self, name: str) -> dict[str, Any] | None:
        with self._connection() as connection:
            return reconciled.user_by_name(connection, name)

    def user_by_token(self, token_sha256: str) -> dict[str, Any] | None:
        with self._connection() as connection:
            return reconciled.user_by_token(connection, token_sha256)

    def fact_version(self, fact_id: int) -> int | None:
        """The fact's review version (its ETag), or None when there is no such fact."""
        with self._connection() as connection:
            return reconciled.fact_version(connection, fact_id)

    def state_version(self) -> int:
        """Grows with every reconciliation: what readers cache by."""
        with self._connection() as connection:
            return reconciled.state_version(connection)

    def gdp_rows(self) -> list[dict[str, Any]]:
        """GDP figures loaded into this ledger, oldest load first."""
        with self._connection() as connection:
            return reconciled.gdp_rows(connection)

    def entry_page(
        self,
        *,
        type: str | None = None,
        partner: str | None = None,
        conflicts: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of entries, filtered in the database, and how many match in all."""
        page, total = reconciled.entry_page_query(type, partner, conflicts)
        with self._connection() as connection:
            rows = connection.execute(page.limit(limit).offset(offset)).mappings()
            return [dict(r) for r in rows], int(connection.scalar(total) or 0)

    def entry(self, key: str) -> dict[str, Any] | None:
        with self._connection() as connection:
            found = connection.execute(reconciled.entry_query(key)).mappings().first()
            return dict(found) if found else None
