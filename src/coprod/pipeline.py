"""A run, stage by stage: read sources → extract facts → store them → reconcile the ledger.

This is the one place the stages meet; each stays unaware of the others. A run never
stops for bad input: unreadable inputs, and documents the extractor fails on, are
recorded as skipped (with their reason) and counted in the report. A document in a
language the rules do not read is stored, not extracted, and counted as such; one that
republishes an earlier story (a near-duplicate) is stored linked to that story.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod.extract import extract_facts
from coprod.ingest import read_sources
from coprod.ingest.dedupe import NearDuplicates, from_bytes, signature, to_bytes
from coprod.ingest.language import should_extract, with_language
from coprod.model import FACT_TYPES, Document, Fact, Skipped
from coprod.reconcile import reconcile_store
from coprod.settings import Settings
from coprod.store import Store
from coprod.store.bulk import NewDocument

EXTRACT_FAILED = "extract_failed"  # the extractor raised on this document: a bug, not input

Extractor = Callable[[Document], list[Fact]]


@dataclass(frozen=True)
class Prepared:
    """A document with the work that needs no ledger done: its language, its facts (or why
    extraction failed), its MinHash signature. Made here, or by a worker elsewhere."""

    doc: Document
    readable: bool  # in a language the rules read
    found: list[Fact] | Skipped
    minhash: bytes | None  # None for a text too short to compare


@dataclass(frozen=True)
class Checkpoint:
    """In a stream of inputs: the inputs before it complete the partition `key` (manifest)."""

    key: str
    label: str
    items: int


Item = Document | Skipped | Prepared | Checkpoint
# Told of each input once it is handled, with the run's tally so far (cheap: it runs per input).
Progress = Callable[[Item, "IngestReport"], None]


@dataclass
class IngestReport:
    """What one run did: documents new and already known, inputs skipped, facts found
    (a republished story's once), near-duplicates, documents stored but not extracted."""

    run_id: int
    new: int = 0
    known: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FACT_TYPES, 0))
    near_duplicates: int = 0  # new documents that republish an earlier story
    partitions: dict[str, int] = field(default_factory=dict)  # a scaled-out run's: done, ...
    not_extracted: dict[str, int] = field(default_factory=dict)  # language → documents
    interrupted_runs: list[int] = field(default_factory=list)  # killed runs this one completes
    ledger: dict[str, Any] = field(default_factory=dict)  # the reconciliation after the run

    @property
    def facts_found(self) -> int:
        return sum(self.facts.values())

    def skipped_by_reason(self) -> dict[str, list[Skipped]]:
        groups: dict[str, list[Skipped]] = defaultdict(list)
        for skip in self.skipped:
            groups[skip.reason].append(skip)
        return dict(sorted(groups.items()))

    def counts(self) -> dict[str, Any]:
        """The numbers alone, as the ledger keeps them for the run."""
        by_reason = {reason: len(items) for reason, items in self.skipped_by_reason().items()}
        return {
            "new": self.new,
            "known": self.known,
            "skipped": by_reason,
            "facts": self.facts,
            "near_duplicates": self.near_duplicates,
            "not_extracted": self.not_extracted,
            "ledger": self.ledger,
        } | ({"partitions": self.partitions} if self.partitions else {})

    def as_dict(self) -> dict[str, Any]:
        """The numbers and every skipped input named, for `--json`."""
        named = {
            reason: [{"source": s.source, "detail": s.detail} for s in items]
            for reason, items in self.skipped_by_reason().items()
        }
        return {
            "run_id": self.run_id,
            "interrupted_runs": self.interrupted_runs,
            **self.counts(),
            "skipped": named,
        }

    def count_facts(self, found: Sequence[Fact]) -> None:
        for fact in found:
            self.facts[fact.type] = self.facts.get(fact.type, 0) + 1


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    *,
    label: str = "ingest",
) -> IngestReport:
    """Read every document in `paths`, extract its facts and store both, as one run."""
    return ingest_items(
        read_sources(paths, settings), store, progress, label=label, settings=settings
    )


def ingest_items(
    items: Iterable[Item],
    store: Store,
    progress: Progress | None = None,
    *,
    label: str = "ingest",
    extract: Extractor = extract_facts,
    settings: Settings | None = None,
    reconcile: bool = True,
    report: IngestReport | None = None,
) -> IngestReport:
    """The stages after reading, for inputs read by any means, as one run labelled `label`.

    An input is a Document (prepared here), one already `Prepared` elsewhere, a Skipped, or
    a `Checkpoint` that marks a partition done. Without `reconcile` the ledger's entries are
    left for `coprod reconcile` (one rebuild after many runs). `report` is the run's tally
    when the caller has begun the run itself (`store.begin_run`)."""
    if report is None:
        report = IngestReport(store.begin_run(label), interrupted_runs=store.take_interrupted())
    settings = settings or Settings()
    stage = _Stage(extract, settings, _near_duplicates(store, settings))
    try:
        with store.batch():
            _write_all(items, _Chunk(store, report, stage, progress))
    except BaseException as exc:
        status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        store.finish_run(report.run_id, status, report.counts())
        raise
    if reconcile:
        report.ledger = reconcile_store(store).as_dict()
    store.finish_run(report.run_id, "finished", report.counts())
    return report


def prepare(doc: Document, settings: Settings, extract: Extractor = extract_facts) -> Prepared:
    """Language, facts and signature of `doc`: all the work that needs no ledger."""
    doc = with_language(doc)
    readable = should_extract(doc, settings)
    found = _extract(doc, extract) if readable else []
    minhash = signature(doc.text, settings.minhash_permutations)
    return Prepared(doc, readable, found, None if minhash is None else to_bytes(minhash))


@dataclass(frozen=True)
class _Stage:
    """What the per-document path needs besides the store and the report."""

    extract: Extractor
    settings: Settings
    near: NearDuplicates


def _near_duplicates(store: Store, settings: Settings) -> NearDuplicates:
    """The LSH index, holding every signature already in the ledger."""
    index = NearDuplicates(settings.near_duplicate_threshold, settings.minhash_permutations)
    index.load(store.signatures())
    return index


def _write_all(items: Iterable[Item], chunk: _Chunk) -> None:
    """Documents gather in chunks written together; anything else is written in its turn."""
    for item in items:
        if isinstance(item, Document | Prepared):
            chunk.add(item)
            continue
        chunk.flush()
        if isinstance(item, Skipped):
            _skip(item, chunk.store, chunk.report)
        else:
            chunk.store.mark_partition_done(item.key, item.label, chunk.report.run_id, item.items)
        chunk.heard(item)
    chunk.flush()


class _Chunk:
    """Documents waiting to be written: up to a batch of them, or `batch_seconds` worth (a
    slow source), then one look-up of which are known and one write of the rest."""

    def __init__(
        self, store: Store, report: IngestReport, stage: _Stage, progress: Progress | None
    ) -> None:
        self.store, self.report, self.stage, self.progress = store, report, stage, progress
        self.items: list[Document | Prepared] = []
        self.since = 0.0

    def add(self, item: Document | Prepared) -> None:
        if not self.items:
            self.since = time.monotonic()
        self.items.append(item)
        full = len(self.items) >= self.store.batch_size
        if full or time.monotonic() - self.since >= self.store.batch_seconds:
            self.flush()

    def heard(self, item: Item) -> None:
        if self.progress is not None:
            self.progress(item, self.report)

    def flush(self) -> None:
        """Write the waiting documents: a sighting for each known one, the new ones whole."""
        items, self.items = self.items, []
        if not items:
            return
        report, stage = self.report, self.stage
        known = self.store.known_documents(_doc(item).sha256 for item in items)
        new: list[NewDocument] = []
        sighted: list[Document] = []
        for item in items:
            sha = _doc(item).sha256
            if sha in known:  # a known document needs no extraction
                sighted.append(_doc(item))
                continue
            ready = (
                item if isinstance(item, Prepared) else prepare(item, stage.settings, stage.extract)
            )
            if isinstance(ready.found, Skipped):
                _skip(ready.found, self.store, report)
                continue
            known.add(sha)  # a second copy in this chunk is a sighting
            original = _near(ready, stage)
            new.append(NewDocument(ready.doc, ready.found, ready.readable, original, ready.minhash))
        stored = self.store.add_documents(new, sighted, report.run_id)
        report.known += len(sighted)
        for one in new:
            if one.doc.sha256 in stored:
                _count(one.doc, one.extracted, one.near_duplicate_of, one.facts, report)
            else:  # another writer stored it since we looked: a sighting, as above
                report.known += 1
        for item in items:
            self.heard(item)


def _doc(item: Document | Prepared) -> Document:
    return item.doc if isinstance(item, Prepared) else item


def _near(item: Prepared, stage: _Stage) -> str | None:
    """The story a new document republishes, if any; the document joins the index."""
    if item.minhash is None:
        return None
    minhash = from_bytes(item.minhash)
    original = stage.near.find(minhash)
    stage.near.add(item.doc.sha256, minhash, original)
    return original


def _count(
    doc: Document, readable: bool, original: str | None, found: list[Fact], report: IngestReport
) -> None:
    report.new += 1
    if not readable:
        lang = doc.lang or "unknown"
        report.not_extracted[lang] = report.not_extracted.get(lang, 0) + 1
    if original is not None:
        report.near_duplicates += 1  # its facts were counted with the first copy
    else:
        report.count_facts(found)


def _extract(doc: Document, extract: Extractor) -> list[Fact] | Skipped:
    """The document's facts; a crash in the extractor skips this document, not the run."""
    try:
        return extract(doc)
    except Exception as exc:
        return Skipped(doc.source or doc.id, EXTRACT_FAILED, f"{type(exc).__name__}: {exc}")


def _skip(skip: Skipped, store: Store, report: IngestReport) -> None:
    store.record_skip(skip, report.run_id)
    report.skipped.append(skip)
