"""Scale-out under failure: a worker killed mid-run, bad input files, a partition no worker
survives, the driver killed with its cluster, Dask not installed, a scheduler given by
address (or nowhere), and a PostgreSQL ledger. Each ends with the single-process ledger."""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import dask.config
import psutil
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import coprod.scale.driver
from coprod.ingest import reasons
from coprod.pipeline import IngestReport, Item, ingest_paths
from coprod.scale import dask_client, ingest_scaled
from coprod.settings import Settings
from coprod.store import Store
from coprod.views.cli import app
from tests.ingest.test_warc import _archive
from tests.ledgers import assert_same_ledger, reading, snapshot
from tests.scale.corpora import PARTITION_BYTES, partitions
from tests.scale.poison import MARKER, deadly_extract
from tests.store.conftest import ledger_on

COPROD = Path(sys.executable).with_name("coprod")  # the installed console script
RUN_TIMEOUT = 120.0  # seconds: far above a run's time, only so a hang fails the test


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPROD_")}
    return env | {"COPROD_PARTITION_BYTES": str(PARTITION_BYTES)}


def _coprod(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [str(COPROD), *arguments]
    return subprocess.run(
        command, env=_env(), capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
    )


def _words(text: str) -> str:
    """Text with its line breaks (rich wraps long messages) as single spaces."""
    return " ".join(text.split())


def test_a_worker_killed_mid_run_is_replaced_and_nothing_is_lost(
    corpus: list[Path], settings: Settings, reference: dict[str, Any], tmp_path: Path
) -> None:
    killed: list[int] = []
    with dask_client(workers=2) as client:

        def kill_a_worker(item: Item, report: IngestReport) -> None:
            if not killed and report.partitions["done"] >= 1:
                pid = sorted(client.run(os.getpid).values())[0]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        with Store.open(str(tmp_path / "scaled.db")) as store:
            report = ingest_scaled(corpus, store, settings, client, kill_a_worker)
        client.wait_for_workers(2, timeout=RUN_TIMEOUT)
        pids = client.run(os.getpid).values()
    assert killed and killed[0] not in pids and len(pids) == 2  # the nanny started another
    planned = len(partitions(corpus, settings))
    assert report.partitions == {"planned": planned, "done_before": 0, "done": planned, "failed": 0}
    assert_same_ledger(snapshot(tmp_path / "scaled.db"), reference)


def _bad_folder(folder: Path) -> dict[str, str]:
    """Good files and bad ones; each bad file's name and the reason it is skipped for."""
    folder.mkdir()
    for i in range(5):
        (folder / f"note-{i}.txt").write_text(
            f"Poland will provide €{20 + i} million to finance production of drones in Ukraine.\n",
            encoding="utf-8",
        )
    lines = "".join(
        json.dumps({"id": f"g{i}", "text": f"Good record {i}."}) + "\n" for i in range(9)
    )
    (folder / "good.jsonl").write_text(lines, encoding="utf-8")
    (folder / "corrupt.jsonl.gz").write_bytes(gzip.compress(lines.encode())[:-25])
    (folder / "binary.jsonl").write_bytes(b'{"text": "x"}\n\x00\x01\x02\xff' * 50)
    whole = _archive(folder / "whole.warc").read_bytes()
    (folder / "whole.warc").unlink()
    (folder / "cut.warc").write_bytes(whole[:-300])  # cut inside the last page
    return {
        "corrupt.jsonl.gz": reasons.BAD_GZIP,
        "binary.jsonl": reasons.BINARY,
        "cut.warc": reasons.BAD_WARC_RECORD,
    }


def test_bad_input_files_are_named_and_the_rest_lands(
    client: Any, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "inputs"
    bad = _bad_folder(folder)
    with Store.open(str(tmp_path / "single.db")) as store:
        ingest_paths([folder], store, settings)
    with Store.open(str(tmp_path / "scaled.db")) as store:
        report = ingest_scaled([folder], store, settings, client)
    named = {(Path(s.source.split("@")[0]).name, s.reason) for s in report.skipped}
    assert set(bad.items()) <= named
    assert report.partitions["failed"] == 0 and report.new >= 5 + 9 + 1
    assert_same_ledger(snapshot(tmp_path / "scaled.db"), snapshot(tmp_path / "single.db"))


def _without_failed_partitions(ledger: dict[str, Any]) -> dict[str, Any]:
    """The ledger minus the record of a failed partition (kept, as every skip is: the
    inputs of the run that failed on it)."""
    counts = ledger["counts"] | {
        "skipped": {
            r: n for r, n in ledger["counts"]["skipped"].items() if r != reasons.PARTITION_FAILED
        }
    }
    skipped = [s for s in ledger["skipped"] if s[1] != reasons.PARTITION_FAILED]
    return ledger | {"counts": counts, "skipped": skipped}


def test_a_partition_no_worker_survives_is_skipped_and_read_again_next_run(
    corpus: list[Path],
    settings: Settings,
    reference: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A dying worker marks every task it was running or holding as suspect: with one
    # partition in flight per worker, only the poisoned one dies twice (allowed once).
    monkeypatch.setattr(coprod.scale.driver, "WINDOW_PER_THREAD", 1)
    plan = partitions(corpus, settings)
    marked = corpus[0].read_bytes().index(MARKER.encode())
    [poisoned] = [p for p in plan if p.end is not None and p.start <= marked < p.end]
    db = tmp_path / "scaled.db"
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        dask_client(workers=2) as client,
        Store.open(str(db)) as store,
    ):
        first = ingest_scaled(corpus, store, settings, client, extract=deadly_extract)
        done = store.done_partitions()
    [failed] = [s for s in first.skipped if s.reason == reasons.PARTITION_FAILED]
    assert failed.source == poisoned.label and "KilledWorker" in failed.detail
    assert first.partitions == {
        "planned": len(plan),
        "done_before": 0,
        "done": len(plan) - 1,
        "failed": 1,
    }
    assert done == {p.key for p in plan} - {poisoned.key}
    with dask_client(workers=2) as client, Store.open(str(db)) as store:
        second = ingest_scaled(corpus, store, settings, client)
    assert second.partitions == {
        "planned": len(plan),
        "done_before": len(plan) - 1,
        "done": 1,
        "failed": 0,
    }
    assert_same_ledger(_without_failed_partitions(snapshot(db)), reference)


def _partitions_done(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as connection:
            return int(connection.execute("SELECT count(*) FROM partitions").fetchone()[0])
    except sqlite3.OperationalError:  # no file yet, or no tables yet
        return 0


def _ingest(corpus: list[Path], db: Path, **popen: Any) -> subprocess.Popen[str]:
    command = [str(COPROD), "ingest", *map(str, corpus), "--workers", "2", "--db", str(db)]
    return subprocess.Popen(
        [*command, "--no-reconcile", "--json"],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def _gone(processes: list[psutil.Process]) -> list[psutil.Process]:
    """Those of `processes` still running (a zombie waiting to be reaped is not)."""
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
        except psutil.NoSuchProcess:
            pass
    return alive


def test_a_driver_killed_with_its_cluster_resumes_from_the_manifest(
    corpus: list[Path], reference: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "scaled.db"
    driver = _ingest(corpus, db, start_new_session=True)
    deadline = time.monotonic() + RUN_TIMEOUT
    try:
        while _partitions_done(db) < 2:
            assert driver.poll() is None, f"the run ended before the kill: {driver.stderr}"
            assert time.monotonic() < deadline, "the run never marked 2 partitions done"
            time.sleep(0.05)
        family = [psutil.Process(driver.pid), *psutil.Process(driver.pid).children(True)]
        os.killpg(driver.pid, signal.SIGKILL)
        driver.communicate(timeout=RUN_TIMEOUT)
    finally:
        if driver.poll() is None:
            os.killpg(driver.pid, signal.SIGKILL)
            driver.communicate()
    assert len(family) >= 3  # the driver and at least its two workers
    deadline = time.monotonic() + 10
    while _gone(family) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _gone(family), "a process of the killed run is still running"
    with reading(db) as connection:
        [(status,)] = connection.execute("SELECT status FROM runs").fetchall()
    assert status == "running"  # killed for real: it could not close its run
    again = _ingest(corpus, db)
    out, err = again.communicate(timeout=RUN_TIMEOUT)
    assert again.returncode == 0, err
    report = json.loads(out)
    assert report["partitions"]["done_before"] >= 2 and report["partitions"]["failed"] == 0
    assert report["interrupted_runs"] == [1]
    assert_same_ledger(snapshot(db), reference)


def test_without_dask_the_scale_out_flags_say_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    db = str(tmp_path / "ledger.db")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--workers", "2", "--db", db])
    assert result.exit_code == 2
    assert "pip install 'coprod[dask]'" in _words(result.stderr)


def test_a_running_scheduler_can_be_given_by_address(client: Any, tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    _bad_folder(folder)
    db = tmp_path / "ledger.db"
    address = client.scheduler.address
    done = _coprod("ingest", str(folder), "--scheduler", address, "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    assert "Dask dashboard:" in done.stderr
    report = json.loads(done.stdout)
    assert report["partitions"]["done"] == report["partitions"]["planned"] >= 1
    assert report["new"] >= 5


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.slow  # the client tries to connect for CONNECT_TIMEOUT (20 s) before giving up
def test_a_scheduler_address_where_nothing_listens_is_an_error(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    done = _coprod("extract", str(tmp_path / "x.jsonl"), "--scheduler", address)
    assert done.returncode == 2
    assert "cannot reach the Dask scheduler" in _words(done.stderr)


@pytest.fixture
def postgres_ledger(tmp_path: Path) -> Iterator[str]:
    with ledger_on("postgresql", tmp_path) as url:
        yield url


def _rows(url: str, query: str) -> list[tuple[Any, ...]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return sorted(tuple(row) for row in connection.execute(sa.text(query)))
    finally:
        engine.dispose()


DOCUMENT_ROWS = "SELECT sha256, id, source, lang, extracted, near_duplicate_of FROM documents"
FACT_ROWS = "SELECT fact_key, document_sha, type, amount, currency FROM facts"


def test_a_scaled_out_ingest_into_postgresql_builds_the_single_process_ledger(
    corpus: list[Path], settings: Settings, client: Any, tmp_path: Path, postgres_ledger: str
) -> None:
    single = tmp_path / "single.db"
    with Store.open(str(single)) as store:
        ingest_paths([corpus[1]], store, settings)
        want = store.counts().as_dict()
    with Store.open(postgres_ledger) as store:
        report = ingest_scaled([corpus[1]], store, settings, client)
        got = store.counts().as_dict()
    assert report.partitions["done"] == report.partitions["planned"]
    assert got == want
    sqlite_url = f"sqlite:///{single}"
    for query in (DOCUMENT_ROWS, FACT_ROWS):
        assert _rows(postgres_ledger, query) == _rows(sqlite_url, query)
    assert report.partitions["failed"] == 0
