"""Sightings, near-duplicate links, languages and the extraction flag in the ledger."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from coprod.model import Document
from coprod.store import Store
from tests.samples import DENMARK, LITHUANIA, filled_store

COPY = replace(DENMARK, id="dk-copy", url="https://other.example/dk", text=DENMARK.text + " ")
UKRAINIAN = Document(id="ua-uk", text="Данія фінансує українські дрони.", lang="uk")


@pytest.fixture
def store(ledger_url: str) -> Iterator[Store]:
    store = filled_store(ledger_url, (DENMARK, LITHUANIA, COPY))
    yield store
    store.close()


def test_a_text_read_again_from_another_source_is_an_exact_duplicate(store: Store) -> None:
    store.record_sighting(replace(DENMARK, source="a.jsonl:1"))
    store.record_sighting(replace(DENMARK, source="a.jsonl:1"))  # the same file read again
    assert store.counts().duplicates == {"exact": 0, "near": 0}
    store.record_sighting(replace(DENMARK, source="b/copy.txt"))
    assert store.counts().duplicates == {"exact": 1, "near": 0}


def test_a_near_duplicate_s_facts_count_once(store: Store) -> None:
    before = store.counts().facts
    store.mark_document(COPY.sha256, near_duplicate_of=DENMARK.sha256, minhash=b"\x01" * 8)
    counts = store.counts()
    assert counts.duplicates == {"exact": 0, "near": 1}
    assert counts.facts["target"] == before["target"] - 1  # the copy's one fact
    assert {row["document_id"] for row in store.facts()} == {"dk-1", "lt-1"}
    copies = {row["document_id"] for row in store.facts(all_copies=True)}
    assert copies == {"dk-1", "lt-1", "dk-copy"}


def test_a_group_lists_its_copies(store: Store) -> None:
    assert store.duplicate_groups() == []
    store.mark_document(COPY.sha256, near_duplicate_of=DENMARK.sha256)
    (group,) = store.duplicate_groups()
    assert (group["sha256"], group["url"], group["title"]) == (
        DENMARK.sha256,
        DENMARK.url,
        DENMARK.title,
    )
    assert group["copies"] == [{"sha256": COPY.sha256, "url": COPY.url, "title": COPY.title}]


def test_languages_and_documents_not_extracted_are_counted(store: Store) -> None:
    store.add_document(UKRAINIAN)
    store.add_document(Document(id="x", text="12 345"))
    store.mark_document(UKRAINIAN.sha256, extracted=False)
    counts = store.counts()
    assert counts.languages == {"en": 3, "uk": 1, "unknown": 1}
    assert counts.not_extracted == 1
    data = counts.as_dict()
    assert {"duplicates", "languages", "not_extracted"} <= set(data)


def test_signatures_come_back_oldest_first(store: Store) -> None:
    assert store.signatures() == []
    store.mark_document(DENMARK.sha256, minhash=b"\x00\x01\x02\x03")
    store.mark_document(COPY.sha256, near_duplicate_of=DENMARK.sha256, minhash=b"\xff" * 4)
    shas = [(sha, original) for sha, _, original in store.signatures()]
    assert sorted(shas) == sorted([(DENMARK.sha256, None), (COPY.sha256, DENMARK.sha256)])
    assert dict((s, m) for s, m, _ in store.signatures())[DENMARK.sha256] == b"\x00\x01\x02\x03"


def test_a_document_without_a_source_is_told_apart_by_its_url_or_id(store: Store) -> None:
    store.record_sighting(DENMARK)
    store.record_sighting(replace(DENMARK, id="dk-again", url=None))
    store.record_sighting(replace(DENMARK, id="dk-again", url=None))
    assert store.counts().duplicates["exact"] == 1
