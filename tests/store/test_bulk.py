"""Documents written in chunks (`Store.add_documents`): the rows of the per-document path,
in input order, never doubled, inside a batch committed or rolled back with it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from coprod.model import Document
from coprod.store import Store, to_url
from coprod.store.bulk import NewDocument
from coprod.store.tables import documents, facts, sightings
from tests.samples import DENMARK, DOCUMENTS, LITHUANIA, UKRAINE, facts_of
from tests.store.conftest import ledger_on
from tests.store.test_ledger import stored_ids

# What two ledgers built the same way may differ in: ids, times, and which run wrote a row.
UNSTABLE = {"id", "run_id", "ingested_at", "seen_at", "recorded_at", "reconciled_at"}


def rows(url: str, table: sa.Table) -> list[dict[str, Any]]:
    """The table's rows without their ids, times and runs, in a stable order."""
    engine = sa.create_engine(to_url(url))
    with engine.connect() as connection:
        found = [
            {k: v for k, v in row.items() if k not in UNSTABLE}
            for row in connection.execute(sa.select(table)).mappings()
        ]
    engine.dispose()
    return sorted(found, key=repr)


def ingested(url: str) -> dict[str, Any]:
    """Each document's `ingested_at`, by document id."""
    engine = sa.create_engine(to_url(url))
    query = sa.select(documents.c.id, documents.c.ingested_at)
    with engine.connect() as connection:
        times = {str(i): at for i, at in connection.execute(query)}
    engine.dispose()
    return times


@pytest.fixture
def store(ledger_url: str) -> Iterator[Store]:
    store = Store.open(ledger_url)
    yield store
    store.close()


def _new(doc: Document, **marks: Any) -> NewDocument:
    return NewDocument(doc, facts_of(doc), **marks)


# Every kind of mark, and one document without facts to write.
CHUNK = [
    _new(DENMARK, minhash=b"\x01\x02\x03"),
    _new(LITHUANIA, extracted=False),
    NewDocument(UKRAINE, [], near_duplicate_of=DENMARK.sha256, minhash=b"\x04"),
]
SEEN_AGAIN = replace(DENMARK, source="mirror/denmark.txt", url="https://mirror.example/dk")


def _one_by_one(store: Store, new: list[NewDocument], sighted: list[Document]) -> None:
    """The per-document path: each document stored, marked, sighted, and its facts added."""
    run = store.begin_run()
    for item in new:
        assert store.add_document(item.doc, run)
        store.mark_document(
            item.doc.sha256,
            extracted=item.extracted,
            near_duplicate_of=item.near_duplicate_of,
            minhash=item.minhash,
        )
        store.record_sighting(item.doc, run)
        store.add_facts(item.doc.sha256, item.facts, run)
    for doc in sighted:
        store.record_sighting(doc, run)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_chunk_writes_the_rows_of_the_per_document_path(backend: str, tmp_path: Path) -> None:
    (tmp_path / "bulk").mkdir()
    (tmp_path / "single").mkdir()
    with (
        ledger_on(backend, tmp_path / "bulk") as bulk_url,
        ledger_on(backend, tmp_path / "single") as single_url,
    ):
        with Store.open(bulk_url) as store:
            stored = store.add_documents(CHUNK, [SEEN_AGAIN], store.begin_run())
        with Store.open(single_url) as store:
            _one_by_one(store, CHUNK, [SEEN_AGAIN])
        assert stored == {d.sha256 for d in DOCUMENTS}
        for table in (documents, facts, sightings):
            assert rows(bulk_url, table) == rows(single_url, table), table.name
        assert len(rows(bulk_url, facts)) == sum(len(facts_of(d)) for d in (DENMARK, LITHUANIA))
        assert len(rows(bulk_url, sightings)) == 4


def test_documents_of_one_chunk_keep_their_input_order(store: Store, ledger_url: str) -> None:
    chunk = [NewDocument(replace(DENMARK, id=f"d{i}", text=f"Story {i}.")) for i in range(20)]
    chunk.reverse()  # not the order of ids, nor of content hashes
    store.add_documents(chunk, [])
    times = ingested(ledger_url)
    in_input_order = [times[item.doc.id] for item in chunk]
    assert all(a < b for a, b in itertools.pairwise(in_input_order))  # strictly increasing


def test_a_document_another_writer_stored_first_is_not_returned_nor_doubled(
    ledger_url: str,
) -> None:
    with Store.open(ledger_url) as first, Store.open(ledger_url) as second:
        first.add_documents([_new(LITHUANIA)], [])
        assert first.known_documents([d.sha256 for d in DOCUMENTS]) == {LITHUANIA.sha256}
        stored = second.add_documents([_new(DENMARK), _new(LITHUANIA)], [])
        assert stored == {DENMARK.sha256}
        counts = second.counts()
    assert counts.documents == 2
    assert sum(counts.facts.values()) == len(facts_of(DENMARK)) + len(facts_of(LITHUANIA))
    assert len(rows(ledger_url, sightings)) == 3  # each read of Lithuania is a sighting


def test_facts_of_a_document_written_twice_are_not_doubled(store: Store, ledger_url: str) -> None:
    assert store.add_documents([], []) == set()
    assert store.known_documents([]) == set()
    twice = NewDocument(DENMARK, facts_of(DENMARK) * 2)  # a fact repeated in one document too
    assert store.add_documents([twice], []) == {DENMARK.sha256}
    assert store.add_documents([twice], []) == set()
    assert len(rows(ledger_url, facts)) == len(facts_of(DENMARK))
    assert len(rows(ledger_url, documents)) == 1


def test_inside_a_batch_a_chunk_commits_at_its_end(ledger_url: str) -> None:
    with Store.open(ledger_url) as store:
        store.batch_seconds = 3600.0
        with store.batch():
            store.add_documents(CHUNK, [SEEN_AGAIN], store.begin_run())
            assert store.known_documents([DENMARK.sha256]) == {DENMARK.sha256}  # seen inside
            assert stored_ids(ledger_url) == []  # but not yet by anyone else
        assert stored_ids(ledger_url) == sorted(d.id for d in DOCUMENTS)


def test_a_raised_exception_rolls_back_the_open_batch(ledger_url: str) -> None:
    with Store.open(ledger_url) as store:
        store.batch_seconds = 3600.0
        with pytest.raises(RuntimeError), store.batch():
            store.add_documents(CHUNK, [SEEN_AGAIN])
            raise RuntimeError("the writer died")
        assert store.known_documents([d.sha256 for d in DOCUMENTS]) == set()
    for table in (documents, facts, sightings):
        assert rows(ledger_url, table) == []


def test_a_full_batch_commits_before_the_next_chunk(ledger_url: str) -> None:
    with Store.open(ledger_url, batch_size=2) as store:
        store.batch_seconds = 3600.0
        with pytest.raises(RuntimeError), store.batch():
            store.add_documents(CHUNK[:2], [])  # two documents: the batch is full
            store.add_documents(CHUNK[2:], [])  # so the first chunk commits before this one
            raise RuntimeError("the writer died")
    assert stored_ids(ledger_url) == sorted([DENMARK.id, LITHUANIA.id])
