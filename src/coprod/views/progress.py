"""The ingest progress bar: documents handled, documents per second, facts found, skipped.

Drawn only on a terminal; elsewhere (a pipe, a log, CI, a test runner) the callback does
nothing. The pipeline calls it once per input, so it stays cheap: it reads the clock and
returns, and passes the run's tally to the bar at most `UPDATES_PER_SECOND` times a second.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

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

from coprod.model import Document, Skipped
from coprod.pipeline import IngestReport
from coprod.pipeline import Progress as ProgressCallback

UPDATES_PER_SECOND = 4  # often enough to look live; rare enough to cost nothing per document


class RateColumn(ProgressColumn):
    """Documents per second, over Rich's recent window (so a slow start fades)."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        shown = "–" if speed is None else f"{speed:,.0f}"
        return Text(f"{shown} docs/s", style="progress.data.speed")


def columns(what: str) -> tuple[ProgressColumn, ...]:
    return (
        SpinnerColumn(),
        TextColumn(what),
        BarColumn(),
        TextColumn("{task.completed:,.0f} documents"),
        RateColumn(),
        TextColumn("{task.fields[facts]:,} facts"),
        TextColumn("{task.fields[skipped]:,} skipped"),
        TimeElapsedColumn(),
    )


@contextmanager
def progress_bar(console: Console, what: str) -> Iterator[ProgressCallback]:
    """A callback for `ingest_paths` that draws the run's progress on `console`."""
    if not console.is_terminal:
        yield _ignore
        return
    with Progress(
        *columns(what),
        console=console,
        transient=True,
        refresh_per_second=UPDATES_PER_SECOND,
    ) as bar:
        tally = _Tally(bar, bar.add_task(what, total=None, facts=0, skipped=0))
        yield tally.heard
        tally.show()


def _ignore(_item: Document | Skipped, _report: IngestReport) -> None:
    return None


class _Tally:
    """Remembers the latest report; hands it to the bar when enough time has passed."""

    def __init__(self, bar: Progress, task: TaskID) -> None:
        self.bar, self.task = bar, task
        self.report: IngestReport | None = None
        self.interval = 1 / UPDATES_PER_SECOND
        self.due = 0.0  # monotonic time of the next update

    def heard(self, _item: Document | Skipped, report: IngestReport) -> None:
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
        self.bar.update(self.task, completed=done, facts=report.facts_found, skipped=skipped)
