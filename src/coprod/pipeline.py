"""A run, stage by stage: read sources → extract facts → store them → reconcile the ledger.

This is the one place the stages meet; each stays unaware of the others. A run never
stops for bad input: unreadable inputs, and documents the extractor fails on, are
recorded as skipped (with their reason) and counted in the report. A document in a
language the rules do not read is stored, not extracted, and counted as such; one that
republishes an earlier story (a near-duplicate) is stored linked to that story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod.extract import extract_facts
from coprod.ingest import read_sources
from coprod.ingest.dedupe import NearDuplicates, signature, to_bytes
from coprod.ingest.language import should_extract, with_language
from coprod.model import FACT_TYPES, Document, Fact, Skipped
from coprod.reconcile import reconcile_store
from coprod.settings import Settings
from coprod.store import Store

EXTRACT_FAILED = "extract_failed"  # the extractor raised on this document: a bug, not input

# Told of each input once it is handled, with the run's tally so far (cheap: it runs per input).
Progress = Callable[[Document | Skipped, "IngestReport"], None]
Extractor = Callable[[Document], list[Fact]]


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
        }

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
    items: Iterable[Document | Skipped],
    store: Store,
    progress: Progress | None = None,
    *,
    label: str = "ingest",
    extract: Extractor = extract_facts,
    settings: Settings | None = None,
) -> IngestReport:
    """The stages after reading, for inputs read by any means, as one run labelled `label`."""
    report = IngestReport(store.begin_run(label), interrupted_runs=store.take_interrupted())
    settings = settings or Settings()
    stage = _Stage(extract, settings, _near_duplicates(store, settings))
    try:
        with store.batch():
            for item in items:
                _ingest_one(item, store, report, stage)
                if progress is not None:
                    progress(item, report)
    except BaseException as exc:
        status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        store.finish_run(report.run_id, status, report.counts())
        raise
    report.ledger = reconcile_store(store).as_dict()
    store.finish_run(report.run_id, "finished", report.counts())
    return report


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


def _ingest_one(
    item: Document | Skipped, store: Store, report: IngestReport, stage: _Stage
) -> None:
    if isinstance(item, Skipped):
        _skip(item, store, report)
        return
    doc = with_language(item)
    if store.has_document(doc.sha256):  # known: no need to extract again
        store.record_sighting(doc, report.run_id)
        report.known += 1
        return
    readable = should_extract(doc, stage.settings)
    found = _extract(doc, stage.extract) if readable else []
    if isinstance(found, Skipped):
        _skip(found, store, report)
    elif store.add_document(doc, report.run_id):
        original = _link(doc, readable, store, stage)
        store.record_sighting(doc, report.run_id)
        store.add_facts(doc.sha256, found, report.run_id)
        _count(doc, readable, original, found, report)
    else:  # another writer stored it since we looked: it is a sighting, as above
        store.record_sighting(doc, report.run_id)
        report.known += 1


def _link(doc: Document, readable: bool, store: Store, stage: _Stage) -> str | None:
    """Sign a newly stored document; link it to the story it republishes, if any."""
    minhash = signature(doc.text, stage.settings.minhash_permutations)
    original = None if minhash is None else stage.near.find(minhash)
    packed = None if minhash is None else to_bytes(minhash)
    store.mark_document(doc.sha256, extracted=readable, near_duplicate_of=original, minhash=packed)
    if minhash is not None:
        stage.near.add(doc.sha256, minhash, original)
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
