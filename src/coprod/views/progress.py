"""The ingest progress bar: documents handled, documents per second, facts found, skipped;
for a scaled-out run (`partition_bar`), also partitions done out of those planned.

Drawn only on a terminal; elsewhere (a pipe, a log, CI, a test runner) the callback does
nothing. The pipeline calls it once per input, so it stays cheap: it reads the clock and
returns, and passes the run's tally to the bar at most `UPDATES_PER_SECOND` times a second.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from coprod.pipeline import IngestReport, Item
from coprod.pipeline import Progress as ProgressCallback

UPDATES_PER_SECOND = 4  # often enough to look live; rare enough to cost nothing per document


class RateColumn(ProgressColumn):
    """Items per second (documents, or partitions), over Rich's recent window (so a slow
    start fades)."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        shown = "–" if speed is None else f"{speed:,.0f}"
        unit = task.fields.get("unit", "docs")
        return Text(f"{shown} {unit}/s", style="progress.data.speed")


def columns() -> tuple[ProgressColumn, ...]:
    """What each line shows: its name, a bar, its counts, its rate and the time so far."""
    return (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[counts]}"),
        RateColumn(),
        TimeElapsedColumn(),
    )


def progress_bar(console: Console, what: str) -> AbstractContextManager[ProgressCallback]:
    """A callback for `ingest_paths` that draws the run's progress on `console`."""
    return _bar(console, what, partitions=False)


def partition_bar(console: Console, what: str) -> AbstractContextManager[ProgressCallback]:
    """`progress_bar` with a second line: partitions done (or failed) out of those to do."""
    return _bar(console, what, partitions=True)


@contextmanager
def _bar(console: Console, what: str, *, partitions: bool) -> Iterator[ProgressCallback]:
    if not console.is_terminal:
        yield _ignore
        return
    with Progress(
        *columns(),
        console=console,
        transient=True,
        refresh_per_second=UPDATES_PER_SECOND,
    ) as bar:
        documents = bar.add_task(what, total=None, counts="")
        parts = None
        if partitions:
            parts = bar.add_task("partitions", total=None, counts="", unit="parts", visible=False)
        tally = _Tally(bar, documents, parts)
        yield tally.heard
        tally.show()


def _ignore(_item: Item, _report: IngestReport) -> None:
    return None


class _Tally:
    """Remembers the latest report; hands it to the bar when enough time has passed."""

    def __init__(self, bar: Progress, task: TaskID, partitions: TaskID | None = None) -> None:
        self.bar, self.task, self.partitions = bar, task, partitions
        self.report: IngestReport | None = None
        self.interval = 1 / UPDATES_PER_SECOND
        self.due = 0.0  # monotonic time of the next update

    def heard(self, _item: Item, report: IngestReport) -> None:
        self.report = report
        now = time.monotonic()
        if now >= self.due:
            self.due = now + self.interval
            self.show()

    def show(self) -> None:
        report = self.report
        if report is None:
            return
        done, skipped = report.new + report.known, len(report.skipped)
        shown = f"{done:,} documents · {report.facts_found:,} facts · {skipped:,} skipped"
        self.bar.update(self.task, completed=done, counts=shown)
        if self.partitions is not None and report.partitions:
            self._show_partitions(report.partitions)

    def _show_partitions(self, counts: dict[str, int]) -> None:
        to_do = counts["planned"] - counts["done_before"]
        finished = counts["done"] + counts["failed"]
        shown = f"{finished:,} of {to_do:,} partitions"
        assert self.partitions is not None
        self.bar.update(self.partitions, total=to_do, completed=finished, counts=shown)
        self.bar.update(self.partitions, visible=True)
