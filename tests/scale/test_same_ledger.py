"""A scaled-out run builds the ledger a single process builds: the same documents (with
their near-duplicate links), facts, skipped inputs, sightings and counts; and `coprod
extract --workers` prints what `coprod extract` prints, byte for byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from coprod.scale import ingest_scaled
from coprod.settings import Settings
from coprod.store import Store
from tests.ledgers import assert_same_ledger, corpus_lines, snapshot
from tests.scale.corpora import PARTITION_BYTES, partitions

COPROD = Path(sys.executable).with_name("coprod")  # the installed console script
RUN_TIMEOUT = 120.0  # seconds: far above a run's time, only so a hang fails the test


def coprod(*arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`coprod ARGUMENTS` as a separate process, cutting inputs into small partitions."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPROD_")}
    env["COPROD_PARTITION_BYTES"] = str(PARTITION_BYTES)
    return subprocess.run(
        [str(COPROD), *arguments],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )


def test_the_corpus_is_cut_into_many_partitions(corpus: list[Path], settings: Settings) -> None:
    assert len(partitions(corpus, settings)) >= 10


def test_a_scaled_out_ingest_builds_the_single_process_ledger(
    corpus: list[Path], settings: Settings, client: Any, reference: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "scaled.db"
    with Store.open(str(db)) as store:
        report = ingest_scaled(corpus, store, settings, client)
    planned = len(partitions(corpus, settings))
    assert report.partitions == {"planned": planned, "done_before": 0, "done": planned, "failed": 0}
    got = snapshot(db)
    assert_same_ledger(got, reference)
    # The corpus holds what makes ledgers differ when the order or the ids slip.
    documents = reference["documents"].values()
    assert any(d["near_duplicate_of"] for d in documents)
    assert any(d["id"].startswith(f"{corpus[0].name}:") for d in documents)  # no id given
    assert {d["lang"] for d in documents if not d["extracted"]} >= {"de", "uk"}
    assert reference["sightings"] and reference["skipped"]


def _extract_inputs(folder: Path) -> tuple[Path, Path]:
    """Two JSON Lines files, the first cut into partitions, the second with a bad line."""
    first, second = folder / "a.jsonl", folder / "b.jsonl"
    first.write_text("\n".join(corpus_lines(700)) + "\n", encoding="utf-8")
    lines = list(corpus_lines(40))
    second.write_text("\n".join([*lines[:20], "{cut off", *lines[20:]]) + "\n", encoding="utf-8")
    return first, second


def test_extract_with_workers_prints_what_extract_prints(tmp_path: Path) -> None:
    first, second = _extract_inputs(tmp_path)
    alone = coprod("extract", str(first), str(second))
    scaled = coprod("extract", str(first), str(second), "--workers", "2")
    assert alone.returncode == scaled.returncode == 0, scaled.stderr
    assert scaled.stdout == alone.stdout
    assert len(alone.stdout.splitlines()) > 600
    assert "Dask dashboard:" in scaled.stderr
    assert all(json.loads(line)["id"] for line in scaled.stdout.splitlines())


def test_extract_from_stdin_with_workers_is_refused(tmp_path: Path) -> None:
    done = coprod("extract", "-", "--workers", "2", stdin='{"text": "x"}\n')
    assert done.returncode == 2
    assert "stdin cannot be shared out to workers" in " ".join(done.stderr.split())
    assert done.stdout == ""
