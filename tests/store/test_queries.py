"""Reading facts back with filters, and counting what the ledger holds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coprod.model import Skipped
from coprod.store import FACT_ROW_KEYS, Store
from tests.samples import DENMARK, LITHUANIA, UKRAINE, filled_store


@pytest.fixture
def store(ledger_url: str) -> Iterator[Store]:
    store = filled_store(ledger_url)
    yield store
    store.close()


def evidence(rows: list[dict[str, object]]) -> list[object]:
    return [row["evidence"] for row in rows]


def test_all_facts_come_oldest_source_first_with_their_source(store: Store) -> None:
    rows = store.facts()
    assert [row["document_id"] for row in rows] == ["dk-1", "dk-1", "lt-1", "lt-1", "ua-1"]
    first = rows[0]
    assert (first["document_url"], first["document_title"], first["document_date"]) == (
        DENMARK.url,
        DENMARK.title,
        DENMARK.date,
    )
    assert first["evidence"] == DENMARK.text[first["start"] : first["end"]]


def test_every_row_has_the_documented_keys(store: Store) -> None:
    assert {tuple(row) for row in store.facts()} == {FACT_ROW_KEYS}


def test_filter_by_type_and_mechanism(store: Store) -> None:
    assert [row["document_id"] for row in store.facts(type="agreement")] == ["dk-1"]
    rows = store.facts(type="commitment", mechanism="ukrainian_industry")
    assert [row["currency"] for row in rows] == ["DKK", "EUR"]


def test_filter_by_funder_party_or_either(store: Store) -> None:
    assert [row["type"] for row in store.facts(funder="DNK")] == ["commitment"]
    assert [row["type"] for row in store.facts(party="dnk")] == ["agreement"]
    assert [row["type"] for row in store.facts(funder_or_party="DNK")] == [
        "commitment",
        "agreement",
    ]
    assert [row["type"] for row in store.facts(funder_or_party="UKR")] == ["agreement", "target"]


def test_a_code_never_matches_part_of_another(store: Store) -> None:
    assert store.facts(funder="LT") == []
    assert store.facts(funder='LTU"') == []


def test_filter_by_publication_date_bounds_inclusive(store: Store) -> None:
    rows = store.facts(since=LITHUANIA.date, until=UKRAINE.date)
    assert {row["document_id"] for row in rows} == {"lt-1", "ua-1"}
    assert store.facts(until="2025-03-01", type="gdp_pledge") == []


def test_counts_documents_facts_per_type_and_skips_per_source(store: Store) -> None:
    for run in (store.begin_run(), store.begin_run()):
        store.record_skip(Skipped("a.txt", "empty"), run)
    store.record_skip(Skipped("b.bin", "binary", "NUL bytes"))
    counts = store.counts()
    assert counts.documents == 3
    assert counts.facts == {"commitment": 2, "gdp_pledge": 1, "agreement": 1, "target": 1}
    assert counts.skipped == {"binary": 1, "empty": 1}
    assert counts.as_dict()["skipped"] == {"binary": 1, "empty": 1}


def test_an_empty_ledger_counts_zero(ledger_url: str) -> None:
    with Store.open(ledger_url) as store:
        counts = store.counts()
    assert counts.documents == 0
    assert set(counts.facts.values()) == {0}
    assert counts.skipped == {}
