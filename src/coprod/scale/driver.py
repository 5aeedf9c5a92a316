"""The process that runs a scaled-out job: it plans partitions, hands them to Dask workers a
few at a time, and takes their results back in the order of the inputs.

Ingesting, it writes each partition's results through the ledger's one write path
(`pipeline.ingest_items`), then marks the partition done in the manifest in the same
transaction as its last documents. A re-run passes over the partitions marked done; one
whose worker failed (or died more often than Dask allows) is named as a Skipped with
reason `partition_failed`, left unmarked for the next run, and the rest goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from coprod.extract import extract_facts
from coprod.ingest import reasons
from coprod.ingest.partitions import Partition, plan, plan_lines
from coprod.model import Skipped
from coprod.pipeline import (
    Checkpoint,
    Extractor,
    IngestReport,
    Item,
    Progress,
    ingest_items,
)
from coprod.scale.cluster import worker_threads
from coprod.scale.tasks import predict_partition, prepare_partition
from coprod.settings import Settings
from coprod.store import Store

# Partitions in flight per worker thread: one running and two waiting, so a worker never
# idles while the writer takes a result; more would only hold results in memory.
WINDOW_PER_THREAD = 3
# A result lost on its way back (not the task's own failure) is asked for this many more times.
RESUBMITS = 2
LOST = (CancelledError, OSError)  # Dask's FutureCancelledError; CommClosedError
# A partition with a file its worker could not open or find is written, but not marked
# done: the next run reads it again (the file may be back, or the worker's mount fixed).
UNSETTLED = frozenset({reasons.UNREADABLE, reasons.NOT_FOUND})
MAX_DETAIL = 2_000  # a traceback's message can be long; the skip keeps its start
Task = Callable[..., list[Any]]
Result = Skipped | tuple[Partition, list[Any] | Skipped]


def ingest_scaled(
    paths: Iterable[str | Path],
    store: Store,
    settings: Settings,
    client: Any,
    progress: Progress | None = None,
    *,
    label: str = "ingest",
    extract: Extractor = extract_facts,
    redo: bool = False,
    reconcile: bool = True,
) -> IngestReport:
    """Ingest `paths` as one run, the partitions read and extracted by `client`'s workers.

    Partitions the manifest marks done are passed over unless `redo`."""
    entries = list(plan(paths, settings))
    done = set() if redo else store.done_partitions()
    todo = [e for e in entries if isinstance(e, Skipped) or e.key not in done]
    planned = sum(isinstance(e, Partition) for e in entries)
    report = IngestReport(store.begin_run(label), interrupted_runs=store.take_interrupted())
    waiting = sum(isinstance(e, Partition) for e in todo)
    report.partitions = {"planned": planned, "done_before": planned - waiting, "done": 0}
    report.partitions["failed"] = 0
    results = in_order(client, todo, prepare_partition, (settings, extract))
    items = _items(results, report)
    return ingest_items(
        items,
        store,
        progress,
        label=label,
        extract=extract,
        settings=settings,
        reconcile=reconcile,
        report=report,
    )


def extract_scaled(
    names: Iterable[str],
    sink: TextIO,
    settings: Settings,
    client: Any,
    on_skip: Callable[[Skipped], None],
    *,
    extract: Extractor = extract_facts,
) -> int:
    """Write `coprod extract`'s JSON line for every document in the JSONL files `names`, in
    input order, as the single-process command writes them;
    each Skipped goes to `on_skip`. Returns how many inputs were skipped."""
    skipped = 0
    entries: list[Partition | Skipped] = list(plan_lines(names, settings))
    results = in_order(client, entries, predict_partition, (settings, extract))
    for result in results:
        lines = [result] if isinstance(result, Skipped) else _or_failed(*result)
        for line in lines:
            if isinstance(line, Skipped):
                skipped += 1
                on_skip(line)
            else:
                sink.write(line + "\n")
    return skipped


def in_order(
    client: Any, entries: list[Partition | Skipped], task: Task, arguments: tuple[Any, ...]
) -> Iterator[Result]:
    """Each entry's result in the order of `entries`: a Skipped as it is, a partition with
    what `task` made of it (or a Skipped when the task failed). A few partitions per worker
    are in flight at once; the next is handed out as each result is taken."""
    window = WINDOW_PER_THREAD * worker_threads(client)
    remaining = iter(entries)
    pending: deque[Skipped | tuple[Partition, Any]] = deque()
    in_flight = 0

    def submit(partition: Partition) -> Any:
        return client.submit(task, partition, *arguments, pure=False)

    def fill() -> None:
        nonlocal in_flight
        while in_flight < window and (entry := next(remaining, None)) is not None:
            if isinstance(entry, Skipped):
                pending.append(entry)
            else:
                pending.append((entry, submit(entry)))
                in_flight += 1

    fill()
    while pending:
        head = pending.popleft()
        if isinstance(head, Skipped):
            yield head
            continue
        partition, future = head
        result = _result(partition, future, partial(submit, partition))
        in_flight -= 1
        fill()
        yield partition, result


def _result(partition: Partition, future: Any, again: Callable[[], Any]) -> list[Any] | Skipped:
    """The task's result. A result lost on the way (the future cancelled, or its connection
    closed, as when a worker dies as it hands the result over) is asked for again; the
    task's own error, or Dask's KilledWorker (a worker died more often than Dask allows),
    is the partition's failure, as a Skipped."""
    for attempt in range(RESUBMITS + 1):
        try:
            result: list[Any] = future.result()
        except LOST as exc:
            future.release()
            if attempt == RESUBMITS:
                return _failed(partition, exc)
            future = again()
            continue
        except Exception as exc:  # whatever the task raised, or Dask's KilledWorker
            future.release()
            return _failed(partition, exc)
        future.release()
        return result
    raise AssertionError("unreachable: the last attempt returns")


def _failed(partition: Partition, exc: Exception) -> Skipped:
    detail = f"{partition.label}: {type(exc).__name__}: {exc}"
    return Skipped(partition.label, reasons.PARTITION_FAILED, detail[:MAX_DETAIL])


def _items(results: Iterable[Result], report: IngestReport) -> Iterator[Item]:
    """The inputs to write, in order, each partition closed by its Checkpoint."""
    for result in results:
        if isinstance(result, Skipped):
            yield result
            continue
        partition, items = result
        if isinstance(items, Skipped):
            report.partitions["failed"] += 1
            yield items
            continue
        yield from items
        if any(isinstance(i, Skipped) and i.reason in UNSETTLED for i in items):
            report.partitions["failed"] += 1  # named in its skips; not marked: read again
            continue
        report.partitions["done"] += 1
        yield Checkpoint(partition.key, partition.label, len(items))


def _or_failed(partition: Partition, lines: list[Any] | Skipped) -> list[Any]:
    return [lines] if isinstance(lines, Skipped) else lines
