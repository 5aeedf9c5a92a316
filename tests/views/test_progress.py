"""The ingest progress bar: drawn on a terminal with its counts, silent anywhere else."""

from __future__ import annotations

import io
import time

import pytest
from rich.console import Console

from coprod.model import Skipped
from coprod.pipeline import IngestReport
from coprod.views import progress
from coprod.views.progress import partition_bar, progress_bar
from tests.samples import DENMARK


def console(terminal: bool) -> Console:
    return Console(file=io.StringIO(), width=160, force_terminal=terminal)


def text(out: Console) -> str:
    file = out.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def a_tally(new: int, facts: int, skipped: int) -> IngestReport:
    report = IngestReport(run_id=1, new=new, known=1, facts={"commitment": facts})
    report.skipped += [Skipped(f"bad-{i}.txt", "empty") for i in range(skipped)]
    return report


def test_the_bar_shows_documents_rate_facts_and_skipped_on_a_terminal() -> None:
    out = console(terminal=True)
    with progress_bar(out, "ingest") as step:
        step(DENMARK, a_tally(new=1233, facts=57, skipped=3))
    shown = text(out)
    for words in ("ingest", "1,234 documents", "docs/s", "57 facts", "3 skipped"):
        assert words in shown


def test_the_bar_ends_on_the_last_tally_however_fast_the_run() -> None:
    out = console(terminal=True)
    with progress_bar(out, "ingest") as step:
        step(DENMARK, a_tally(new=1, facts=0, skipped=0))
        step(DENMARK, a_tally(new=4999, facts=12, skipped=0))  # within the same quarter second
    assert "5,000 documents" in text(out)


def test_the_bar_is_silent_off_a_terminal() -> None:
    out = console(terminal=False)
    with progress_bar(out, "ingest") as step:
        step(DENMARK, a_tally(new=10, facts=2, skipped=1))
    assert text(out) == ""


def test_the_bar_redraws_a_few_times_a_second_not_per_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    updates = 0
    real_show = progress._Tally.show

    def counted(self: progress._Tally) -> None:
        nonlocal updates
        updates += 1
        real_show(self)

    monkeypatch.setattr(progress._Tally, "show", counted)
    report = a_tally(new=0, facts=0, skipped=0)
    started = time.monotonic()
    with progress_bar(console(terminal=True), "ingest") as step:
        for _ in range(20_000):
            report.new += 1
            step(DENMARK, report)
    seconds = time.monotonic() - started
    assert updates <= 2 + seconds * progress.UPDATES_PER_SECOND


def a_scaled_tally(done: int, failed: int, done_before: int, planned: int) -> IngestReport:
    report = a_tally(new=99, facts=7, skipped=failed)
    report.partitions = {
        "planned": planned,
        "done_before": done_before,
        "done": done,
        "failed": failed,
    }
    return report


def test_the_partition_bar_shows_partitions_left_to_read_beside_the_documents() -> None:
    out = console(terminal=True)
    with partition_bar(out, "ingest") as step:
        step(DENMARK, a_scaled_tally(done=3, failed=1, done_before=10, planned=40))
    shown = text(out)
    for words in ("100 documents", "7 facts", "1 skipped", "4 of 30 partitions", "parts/s"):
        assert words in shown


def test_the_partition_bar_is_silent_off_a_terminal() -> None:
    out = console(terminal=False)
    with partition_bar(out, "ingest") as step:
        step(DENMARK, a_scaled_tally(done=1, failed=0, done_before=0, planned=2))
    assert text(out) == ""
