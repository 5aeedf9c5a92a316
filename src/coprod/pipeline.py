"""A run, stage by stage: read sources → extract facts → store them in the ledger.

This is the one place the stages meet; each stays unaware of the others. A run never
stops for bad input: unreadable inputs, and documents the extractor fails on, are
recorded as skipped (with their reason) and counted in the report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod.extract import extract_facts
from coprod.ingest import read_sources
from coprod.model import FACT_TYPES, Document, Fact, Skipped
from coprod.settings import Settings
from coprod.store import Store

EXTRACT_FAILED = "extract_failed"  # the extractor raised on this document: a bug, not input

Progress = Callable[[Document | Skipped], None]  # told of each input once it is handled
Extractor = Callable[[Document], list[Fact]]


@dataclass
class IngestReport:
    """What one run did: documents new and already known, inputs skipped, facts found."""

    run_id: int
    new: int = 0
    known: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FACT_TYPES, 0))

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
        return {"new": self.new, "known": self.known, "skipped": by_reason, "facts": self.facts}

    def as_dict(self) -> dict[str, Any]:
        """The numbers and every skipped input named, for `--json`."""
        named = {
            reason: [{"source": s.source, "detail": s.detail} for s in items]
            for reason, items in self.skipped_by_reason().items()
        }
        return {"run_id": self.run_id, **self.counts(), "skipped": named}

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
    return ingest_items(read_sources(paths, settings), store, progress, label=label)


def ingest_items(
    items: Iterable[Document | Skipped],
    store: Store,
    progress: Progress | None = None,
    *,
    label: str = "ingest",
    extract: Extractor = extract_facts,
) -> IngestReport:
    """The stages after reading, for inputs read by any means, as one run labelled `label`."""
    report = IngestReport(store.begin_run(label))
    try:
        with store.batch():
            for item in items:
                _ingest_one(item, store, report, extract)
                if progress is not None:
                    progress(item)
    except BaseException as exc:
        status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        store.finish_run(report.run_id, status, report.counts())
        raise
    store.finish_run(report.run_id, "finished", report.counts())
    return report


def _ingest_one(
    item: Document | Skipped, store: Store, report: IngestReport, extract: Extractor
) -> None:
    if isinstance(item, Skipped):
        _skip(item, store, report)
        return
    if store.has_document(item.sha256):  # known: no need to extract again
        report.known += 1
        return
    found = _extract(item, extract)
    if isinstance(found, Skipped):
        _skip(found, store, report)
    elif store.add_document(item, report.run_id):
        store.add_facts(item.sha256, found, report.run_id)
        report.new += 1
        report.count_facts(found)
    else:
        report.known += 1


def _extract(doc: Document, extract: Extractor) -> list[Fact] | Skipped:
    """The document's facts; a crash in the extractor skips this document, not the run."""
    try:
        return extract(doc)
    except Exception as exc:
        return Skipped(doc.source or doc.id, EXTRACT_FAILED, f"{type(exc).__name__}: {exc}")


def _skip(skip: Skipped, store: Store, report: IngestReport) -> None:
    store.record_skip(skip, report.run_id)
    report.skipped.append(skip)
