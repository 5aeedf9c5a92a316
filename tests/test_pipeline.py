"""A run from inputs to the ledger: counts, idempotent re-runs, skips, interruptions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from coprod.extract import extract_facts
from coprod.ingest import read_sources
from coprod.model import Document, Fact, Skipped
from coprod.pipeline import EXTRACT_FAILED, Checkpoint, Item, ingest_items, ingest_paths, prepare
from coprod.settings import Settings
from coprod.store import Store, tables
from tests.ingest.wire import ORIGINAL, POLISH, REPUBLISHED, UKRAINIAN, UNRELATED
from tests.samples import DENMARK, LITHUANIA, UKRAINE, facts_of
from tests.store.test_bulk import rows
from tests.store.test_ledger import dead_pid, set_run


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(str(tmp_path / "ledger.db"))
    yield store
    store.close()


def test_a_run_counts_new_known_skipped_and_facts(store: Store) -> None:
    items: list[Document | Skipped] = [DENMARK, LITHUANIA, DENMARK]
    items.append(Skipped("bad.txt", "empty", "whitespace only"))
    report = ingest_items(items, store, extract=facts_of)
    assert (report.new, report.known, report.facts_found) == (2, 1, 4)
    assert report.facts == {"commitment": 2, "gdp_pledge": 1, "agreement": 1, "target": 0}
    assert report.as_dict()["skipped"] == {
        "empty": [{"source": "bad.txt", "detail": "whitespace only"}]
    }
    run = store.runs()[0]
    assert (run["id"], run["status"], run["counts"]) == (report.run_id, "finished", report.counts())


def test_running_again_is_a_no_op(store: Store) -> None:
    ingest_items([DENMARK, LITHUANIA, UKRAINE], store, extract=facts_of)
    before = store.counts()
    again = ingest_items([DENMARK, LITHUANIA, UKRAINE], store, extract=facts_of)
    assert (again.new, again.known, again.facts_found) == (0, 3, 0)
    assert store.counts() == before


def broken_extractor(doc: Document) -> list[Fact]:
    if doc is LITHUANIA:
        raise ValueError("cannot parse '0.25%'")
    return facts_of(doc)


def test_an_extractor_crash_skips_that_document_only(store: Store) -> None:
    report = ingest_items([DENMARK, LITHUANIA, UKRAINE], store, extract=broken_extractor)
    assert report.new == 2
    assert report.skipped == [
        Skipped("lt-1", EXTRACT_FAILED, "ValueError: cannot parse '0.25%'"),
    ]
    assert not store.has_document(LITHUANIA.sha256)  # so a fixed extractor will read it again


def test_progress_hears_of_every_input(store: Store) -> None:
    seen: list[Document | Skipped] = []
    items: list[Document | Skipped] = [DENMARK, Skipped("x", "empty"), DENMARK]
    ingest_items(items, store, lambda item, _report: seen.append(item), extract=facts_of)
    assert seen == items


def interrupted_after_two() -> Iterator[Document]:
    yield DENMARK
    yield LITHUANIA
    raise KeyboardInterrupt


def test_an_interrupted_run_keeps_its_committed_batches(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "ledger.db"), batch_size=1) as store:
        with pytest.raises(KeyboardInterrupt):
            ingest_items(interrupted_after_two(), store, extract=facts_of)
        assert store.runs()[0]["status"] == "interrupted"
        assert store.counts().documents == 2  # each full batch commits as soon as written
        again = ingest_items([DENMARK, LITHUANIA, UKRAINE], store, extract=facts_of)
        assert (again.new, again.known) == (1, 2)


def test_a_document_is_committed_with_its_facts_never_before_them(tmp_path: Path) -> None:
    """Another connection, looking in before each extraction, never sees a document
    whose facts are not there too: a kill at any moment leaves whole documents."""
    db = str(tmp_path / "ledger.db")
    seen: list[tuple[int, int]] = []

    def looking_in(doc: Document) -> list[Fact]:
        with Store.open(db, create=False) as other:  # a reader, as `coprod status` is
            counts = other.counts()
            seen.append((counts.documents, sum(counts.facts.values())))
        return facts_of(doc)

    per_document = {d.sha256: len(facts_of(d)) for d in (DENMARK, LITHUANIA, UKRAINE)}
    with Store.open(db, batch_size=1) as store:
        ingest_items([DENMARK, LITHUANIA, UKRAINE], store, extract=looking_in)
    denmark, lithuania = per_document[DENMARK.sha256], per_document[LITHUANIA.sha256]
    assert seen == [(0, 0), (1, denmark), (2, denmark + lithuania)]  # whole documents only


def test_the_next_run_reports_a_run_whose_process_died(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    with Store.open(db) as store:
        dead = store.begin_run()  # its process killed before finishing: still 'running'
    set_run(db, dead, pid=dead_pid())  # as the killed process left it
    with Store.open(db) as store:
        report = ingest_items([DENMARK], store, extract=facts_of)
        again = ingest_items([DENMARK], store, extract=facts_of)
        statuses = {run["id"]: run["status"] for run in store.runs()}
    assert report.interrupted_runs == [dead] and again.interrupted_runs == []
    assert report.as_dict()["interrupted_runs"] == [dead]
    assert statuses[dead] == "interrupted"


def test_a_crash_marks_the_run_failed(store: Store) -> None:
    def crashing() -> Iterator[Document]:
        yield DENMARK
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        ingest_items(crashing(), store, extract=facts_of)
    assert store.runs()[0]["status"] == "failed"
    assert store.counts().documents == 0


def test_ingest_paths_reads_files_and_reports_each_problem(tmp_path: Path, store: Store) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DENMARK.text, encoding="utf-8")
    (tmp_path / "in" / "blank.txt").write_text("   \n", encoding="utf-8")
    records = [{"id": d.id, "text": d.text, "date": d.date} for d in (LITHUANIA, UKRAINE)]
    lines = [json.dumps(r) for r in records] + ["{not json"]
    (tmp_path / "in" / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths = [tmp_path / "in", tmp_path / "missing.txt"]
    settings = Settings.from_env({})

    report = ingest_paths(paths, store, settings)

    documents = [d for d in read_sources(paths, settings) if isinstance(d, Document)]
    expected = sum(len(extract_facts(d)) for d in documents)
    assert (report.new, report.known, report.facts_found) == (3, 0, expected)
    by_reason = report.skipped_by_reason()
    assert sorted(by_reason) == ["bad_json", "empty", "not_found"]
    assert by_reason["not_found"][0].source.endswith("missing.txt")
    assert store.counts().skipped == {"bad_json": 1, "empty": 1, "not_found": 1}


WIRE = Document(id="wire", text=ORIGINAL, url="https://wire.example/dk", date="2025-07-04")
COPY = Document(id="copy", text=REPUBLISHED, url="https://paper.example/dk", date="2025-07-05")
OTHER = Document(id="other", text=UNRELATED, url="https://wire.example/lt", date="2025-03-03")


def test_a_republished_wire_story_is_a_near_duplicate_counted_once(store: Store) -> None:
    report = ingest_items([WIRE, COPY, OTHER], store)
    alone = len(extract_facts(WIRE)) + len(extract_facts(OTHER))
    assert (report.new, report.near_duplicates, report.facts_found) == (3, 1, alone)
    counts = store.counts()
    assert counts.duplicates == {"exact": 0, "near": 1}
    assert sum(counts.facts.values()) == alone
    assert {row["document_id"] for row in store.facts()} == {"wire", "other"}
    assert {row["document_id"] for row in store.facts(all_copies=True)} == {
        "wire",
        "copy",
        "other",
    }
    (group,) = store.duplicate_groups()
    assert (group["url"], [c["url"] for c in group["copies"]]) == (WIRE.url, [COPY.url])


def test_a_later_run_finds_copies_of_stories_already_in_the_ledger(store: Store) -> None:
    ingest_items([WIRE], store)
    report = ingest_items([OTHER, COPY], store)
    assert report.near_duplicates == 1
    assert store.counts().duplicates["near"] == 1


def test_the_same_text_from_another_path_is_an_exact_duplicate(
    tmp_path: Path, store: Store
) -> None:
    for name in ("a.txt", "mirror/a-copy.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(ORIGINAL, encoding="utf-8")
    report = ingest_paths([tmp_path / "a.txt", tmp_path / "mirror"], store, Settings())
    ingest_paths([tmp_path / "a.txt"], store, Settings())  # the same file again: no new copy
    assert (report.new, report.known) == (1, 1)
    counts = store.counts()
    assert (counts.documents, counts.duplicates) == (1, {"exact": 1, "near": 0})
    assert counts.languages == {"en": 1}


def test_an_article_in_another_language_is_stored_but_not_extracted(store: Store) -> None:
    read: list[str] = []

    def spy(doc: Document) -> list[Fact]:
        read.append(doc.id)
        return facts_of(doc)

    docs = [Document(id="uk", text=UKRAINIAN), Document(id="pl", text=POLISH, lang="pl"), UKRAINE]
    report = ingest_items(docs, store, extract=spy)
    assert read == ["ua-1"]
    assert (report.new, report.not_extracted) == (3, {"uk": 1, "pl": 1})
    counts = store.counts()
    assert (counts.languages, counts.not_extracted) == ({"en": 1, "pl": 1, "uk": 1}, 2)
    assert {row["document_id"] for row in store.facts()} == {"ua-1"}
    assert store.runs()[0]["counts"]["not_extracted"] == {"uk": 1, "pl": 1}


# -- documents prepared elsewhere, written in chunks ----------------------------------------

MIXED = [WIRE, COPY, OTHER, Document(id="uk", text=UKRAINIAN), DENMARK, WIRE]
LEDGER_TABLES = (tables.documents, tables.facts, tables.sightings, tables.skipped, tables.entries)


def test_a_ledger_built_from_prepared_documents_equals_one_built_from_documents(
    tmp_path: Path,
) -> None:
    settings = Settings()
    reports = []
    for name, items in [
        ("plain.db", list(MIXED)),
        ("prepared.db", [prepare(doc, settings) for doc in MIXED]),
    ]:
        with Store.open(str(tmp_path / name)) as store:
            report = ingest_items(items, store, settings=settings)
        reports.append({k: v for k, v in report.counts().items() if k != "ledger"})
    assert reports[0] == reports[1]
    assert (reports[0]["new"], reports[0]["known"], reports[0]["near_duplicates"]) == (5, 1, 1)
    for table in LEDGER_TABLES:
        plain = rows(str(tmp_path / "plain.db"), table)
        assert plain == rows(str(tmp_path / "prepared.db"), table), table.name
    assert rows(str(tmp_path / "plain.db"), tables.entries)  # something was reconciled


def test_two_copies_of_a_text_in_one_chunk_are_one_document_and_one_known(store: Store) -> None:
    copy = replace(DENMARK, id="dk-copy", source="mirror/dk.txt")
    items = [prepare(DENMARK, Settings(), facts_of), prepare(copy, Settings(), facts_of)]
    report = ingest_items(items, store, extract=facts_of)
    assert (report.new, report.known, report.facts_found) == (1, 1, len(facts_of(DENMARK)))
    counts = store.counts()
    assert (counts.documents, counts.duplicates["exact"]) == (1, 1)
    assert sum(counts.facts.values()) == len(facts_of(DENMARK))


def test_a_prepared_document_whose_extractor_raised_is_skipped_and_not_stored(
    store: Store,
) -> None:
    items = [prepare(d, Settings(), broken_extractor) for d in (DENMARK, LITHUANIA)]
    assert isinstance(items[1].found, Skipped)
    report = ingest_items(items, store, extract=facts_of)  # the failure travels with the item
    assert report.new == 1
    assert report.skipped == [Skipped("lt-1", EXTRACT_FAILED, "ValueError: cannot parse '0.25%'")]
    assert not store.has_document(LITHUANIA.sha256)
    assert {row["document_id"] for row in store.facts()} == {"dk-1"}
    assert store.counts().skipped == {EXTRACT_FAILED: 1}


def test_a_checkpoint_marks_its_partition_done_after_its_documents(store: Store) -> None:
    heard: list[Item] = []
    mark = Checkpoint("k" * 64, "feed.jsonl bytes 0–500 (from line 1)", 2)
    items: list[Item] = [DENMARK, LITHUANIA, mark, UKRAINE]
    report = ingest_items(items, store, lambda item, _r: heard.append(item), extract=facts_of)
    assert store.done_partitions() == {"k" * 64}
    assert heard == items
    assert report.new == 3


def test_a_run_that_dies_in_its_batch_loses_the_checkpoint_with_its_documents(
    store: Store,
) -> None:
    def dying() -> Iterator[Item]:
        yield DENMARK
        yield Checkpoint("k" * 64, "first partition", 1)
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        ingest_items(dying(), store, extract=facts_of)
    assert (store.done_partitions(), store.counts().documents) == (set(), 0)


def test_without_reconcile_the_report_has_no_ledger(store: Store) -> None:
    report = ingest_items([DENMARK, LITHUANIA], store, extract=facts_of, reconcile=False)
    assert (report.ledger, report.counts()["ledger"]) == ({}, {})
    assert report.new == 2
    assert store.runs()[0]["counts"]["ledger"] == {}
    again = ingest_items([UKRAINE], store, extract=facts_of)
    assert again.ledger != {}
