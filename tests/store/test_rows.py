"""Rows as the tables store them, and the fact key that makes adding facts idempotent."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from coprod.model import Commitment, Skipped
from coprod.store.rows import document_row, fact_key, fact_row, skip_row
from coprod.store.tables import facts
from tests.samples import DENMARK, LITHUANIA, facts_of

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def test_fact_key_ignores_number_types_confidence_and_notes() -> None:
    fact = facts_of(DENMARK)[0]
    assert isinstance(fact, Commitment)
    same = replace(fact, amount=1_300_000_000.0, confidence=0.9, notes=["re-scored"])
    assert fact_key(DENMARK.sha256, fact) == fact_key(DENMARK.sha256, same)


def test_fact_key_differs_by_document_and_by_field() -> None:
    fact = facts_of(DENMARK)[0]
    assert isinstance(fact, Commitment)
    key = fact_key(DENMARK.sha256, fact)
    assert key != fact_key(LITHUANIA.sha256, fact)
    assert key != fact_key(DENMARK.sha256, replace(fact, status="delivered"))


def test_fact_rows_fill_every_column_and_name_their_document() -> None:
    row = fact_row(LITHUANIA.sha256, facts_of(LITHUANIA)[1], run_id=7)
    assert set(row) == {c.name for c in facts.c} - {"id", "review_version"}  # the database sets it
    assert (row["parties"], row["alt"]) == (None, [(21_000_000, "USD")])
    assert (row["document_sha"], row["run_id"], row["type"]) == (LITHUANIA.sha256, 7, "commitment")


def test_document_and_skip_rows() -> None:
    row = document_row(DENMARK, run_id=None, now=NOW)
    assert (row["sha256"], row["url"], row["ingested_at"]) == (DENMARK.sha256, DENMARK.url, NOW)
    skip = skip_row(Skipped("a.txt", "empty", "only spaces"), run_id=3, now=NOW)
    assert skip == {
        "source": "a.txt",
        "reason": "empty",
        "detail": "only spaces",
        "run_id": 3,
        "recorded_at": NOW,
    }
