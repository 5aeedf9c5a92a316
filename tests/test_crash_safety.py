"""Crash safety: `coprod ingest` killed with SIGKILL at a random point, then run again,
leaves exactly the ledger of a run that was never interrupted: nothing lost, nothing doubled.

The kill points are random; the seed is printed (shown when a test fails) and can be fixed
with COPROD_CRASH_SEED=<seed> to replay a failure. The corpus itself is fixed.
"""

from __future__ import annotations

import functools
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from coprod.settings import BATCH_SIZE
from tests.ledgers import (
    GARBAGE_EVERY,
    assert_same_ledger,
    corpus_lines,
    reading,
    snapshot,
)

N_DOCUMENTS = 20_000
COPROD = Path(sys.executable).with_name("coprod")  # the installed console script
END_MARGIN = 10 * BATCH_SIZE  # documents: the last kill lands a few seconds before the end
RUN_TIMEOUT = 240.0  # seconds: far above a run's time, only so a hang fails the test
pytestmark = pytest.mark.slow  # ~100 CPU-seconds over 2 cores; `make test` runs it


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "news.jsonl"
    path.write_text("\n".join(corpus_lines(N_DOCUMENTS)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed() -> int:
    chosen = os.environ.get("COPROD_CRASH_SEED") or str(random.SystemRandom().randrange(2**32))
    print(f"crash test seed: COPROD_CRASH_SEED={chosen}")
    return int(chosen)


def _ingest(corpus: Path, db: Path, *, output: int | None = subprocess.DEVNULL) -> Any:
    """`coprod ingest` as a separate process, with no COPROD_* setting from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPROD_")}
    command = [str(COPROD), "ingest", str(corpus), "--db", str(db), "--json"]
    return subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.PIPE, text=True)


def _complete(corpus: Path, db: Path) -> dict[str, Any]:
    """Run an ingest to its end; its JSON report."""
    process = _ingest(corpus, db, output=subprocess.PIPE)
    out, err = process.communicate(timeout=RUN_TIMEOUT)
    assert process.returncode == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def committed_documents(db: Path) -> int:
    """Documents another process has committed to `db` so far (0 before it has any)."""
    try:
        with reading(db) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # no file yet, or no tables yet
        return 0


def statuses(db: Path) -> list[str]:
    with reading(db) as connection:
        rows = connection.execute("SELECT status FROM runs ORDER BY id").fetchall()
    return [status for (status,) in rows]


def kill_after(corpus: Path, db: Path, documents: int, rnd: random.Random) -> int:
    """Start an ingest; SIGKILL it once `documents` are committed and a random moment more
    has passed (so the kill lands inside a batch). How many documents it had committed."""
    process = _ingest(corpus, db)
    deadline = time.monotonic() + RUN_TIMEOUT
    while committed_documents(db) < documents:
        assert process.poll() is None, f"the run ended before the kill: {process.stderr.read()}"
        assert time.monotonic() < deadline, "the run never committed enough documents"
        time.sleep(0.02)
    time.sleep(rnd.uniform(0.0, 0.2))
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=RUN_TIMEOUT)
    assert process.returncode == -signal.SIGKILL, "the run ended before the kill"
    assert statuses(db)[-1] == "running"  # killed for real: it could not close its run
    return committed_documents(db)


@functools.cache
def distinct_documents() -> int:
    return len(
        {json.loads(line)["text"] for line in corpus_lines(N_DOCUMENTS) if line.startswith('{"')}
    )


@dataclass(frozen=True)
class Outcome:
    """A ledger built by runs killed at random points and a last run to the end."""

    db: Path
    committed: list[int]  # documents in the ledger after each kill
    report: dict[str, Any]  # the last run's
    statuses: list[str]


def killed_then_completed(corpus: Path, db: Path, kills: int, rnd: random.Random) -> Outcome:
    """Kill `kills` runs in a row, each later than the one before; then run to the end."""
    ceiling = distinct_documents() - END_MARGIN
    committed: list[int] = []
    low = 1
    for k in range(1, kills + 1):
        target = rnd.randint(low, max(low, ceiling * k // kills))
        committed.append(kill_after(corpus, db, target, rnd))
        low = committed[-1] + BATCH_SIZE  # the next kill after the next run made progress
    report = _complete(corpus, db)
    return Outcome(db, committed, report, statuses(db))


@dataclass
class Runs:
    """The uninterrupted run (a process) and the killed ones (threads driving processes),
    all started at once: three runs share this machine's two cores."""

    reference_db: Path
    reference: Any  # the Popen of the uninterrupted run
    killed_once: Future[Outcome]
    killed_twice: Future[Outcome]
    reference_snapshot: dict[str, Any] = field(default_factory=dict)

    def reference_ledger(self) -> dict[str, Any]:
        if not self.reference_snapshot:
            _, err = self.reference.communicate(timeout=RUN_TIMEOUT)
            assert self.reference.returncode == 0, err
            self.reference_snapshot = snapshot(self.reference_db)
        return self.reference_snapshot


@pytest.fixture(scope="module")
def runs(corpus: Path, seed: int) -> Iterator[Runs]:
    folder = corpus.parent
    with ThreadPoolExecutor(max_workers=2) as pool:
        once = pool.submit(
            killed_then_completed, corpus, folder / "once.db", 1, random.Random(seed)
        )
        twice = pool.submit(
            killed_then_completed, corpus, folder / "twice.db", 2, random.Random(seed + 1)
        )
        reference_db = folder / "uninterrupted.db"
        reference = _ingest(corpus, reference_db)
        try:
            yield Runs(reference_db, reference, once, twice)
        finally:
            if reference.poll() is None:
                reference.kill()
            reference.communicate()


def test_a_run_killed_at_a_random_point_and_run_again_loses_and_doubles_nothing(
    runs: Runs, seed: int
) -> None:
    outcome = runs.killed_once.result(timeout=3 * RUN_TIMEOUT)
    assert outcome.statuses == ["interrupted", "finished"]
    assert outcome.report["interrupted_runs"] == [1]  # the new run says what it completes
    assert outcome.report["known"] >= outcome.committed[0]  # kept, not written again
    assert_same_ledger(snapshot(outcome.db), runs.reference_ledger(), seed)


def test_a_run_killed_twice_in_a_row_and_run_again_loses_and_doubles_nothing(
    runs: Runs, seed: int
) -> None:
    outcome = runs.killed_twice.result(timeout=3 * RUN_TIMEOUT)
    assert outcome.statuses == ["interrupted", "interrupted", "finished"]
    assert outcome.report["interrupted_runs"] == [2]  # run 1 was marked when run 2 opened
    assert outcome.committed[0] < outcome.committed[1]
    assert_same_ledger(snapshot(outcome.db), runs.reference_ledger(), seed + 1)


def test_the_uninterrupted_ledger_holds_the_whole_corpus(runs: Runs) -> None:
    ledger = runs.reference_ledger()
    assert len(ledger["documents"]) == distinct_documents()
    assert len(ledger["facts"]) > N_DOCUMENTS // 10
    assert ledger["counts"]["skipped"] == {"bad_json": N_DOCUMENTS // GARBAGE_EVERY}
