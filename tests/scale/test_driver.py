"""The driver's own rules: what `coprod extract --workers` reads, and which partitions the
manifest may mark done."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from coprod.errors import InputError
from coprod.evaluation import read_documents
from coprod.evaluation.corpus import prediction
from coprod.ingest import reasons
from coprod.ingest.partitions import Partition, plan, plan_lines
from coprod.model import Document, Skipped
from coprod.pipeline import Checkpoint, IngestReport
from coprod.scale import extract_scaled
from coprod.scale.driver import _items
from coprod.settings import Settings

SETTINGS = Settings(partition_bytes=60)
RECORDS = [
    {"text": "Denmark will provide €20 million to finance production of drones in Ukraine."},
    {"id": "named", "text": "Norway and Ukraine signed an agreement on joint production."},
    {"text": "Officials met in Oslo to review the schedule."},
]


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n\n" for r in records), encoding="utf-8")
    return path


def _single(names: list[str]) -> str:
    """What the single-process `coprod extract` prints for these files."""
    out = io.StringIO()
    for name in names:
        with Path(name).open("rb") as stream:
            for item in read_documents(stream, name, SETTINGS):
                if isinstance(item, Document):
                    out.write(json.dumps(prediction(item), ensure_ascii=False) + "\n")
    return out.getvalue()


def test_extract_on_workers_reads_any_file_as_lines_and_names_records_as_given(
    tmp_path: Path, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "sub" / "docs.jsonl", RECORDS)
    _write(tmp_path / "other.json", RECORDS[::-1])  # not named .jsonl: read as lines all the same
    (tmp_path / "empty.jsonl").write_bytes(b"")
    names = ["sub/docs.jsonl", "./other.json", "empty.jsonl"]
    skipped: list[Skipped] = []
    out = io.StringIO()
    assert extract_scaled(names, out, SETTINGS, client, skipped.append) == 0
    assert out.getvalue() == _single(names)
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert ids[:2] == ["sub/docs.jsonl:1", "named"] and "./other.json:5" in ids
    assert skipped == []  # an empty file prints nothing, as without workers


def test_extract_on_workers_refuses_a_file_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"cannot read .*gone\.jsonl: not a readable file"):
        list(plan_lines([str(tmp_path / "gone.jsonl")], SETTINGS))
    with pytest.raises(InputError, match="cannot read"):
        list(plan_lines([str(tmp_path)], SETTINGS))  # a folder


def test_a_partition_size_below_one_byte_is_refused(tmp_path: Path) -> None:
    for bad in (0, -5):
        with pytest.raises(InputError, match="partition_bytes must be 1 or more"):
            list(plan([tmp_path], Settings(partition_bytes=bad)))


def _partition(tmp_path: Path) -> Partition:
    path = _write(tmp_path / "a.jsonl", RECORDS)
    (partition,) = [p for p in plan([path], Settings()) if isinstance(p, Partition)]
    return partition


def _report() -> IngestReport:
    report = IngestReport(run_id=1)
    report.partitions = {"planned": 1, "done_before": 0, "done": 0, "failed": 0}
    return report


def test_a_partition_read_in_full_is_marked_done(tmp_path: Path) -> None:
    partition, report = _partition(tmp_path), _report()
    items = [Skipped("a.jsonl:3", reasons.BAD_JSON)]
    out = list(_items([(partition, items)], report))
    assert out == [*items, Checkpoint(partition.key, partition.label, 1)]
    assert (report.partitions["done"], report.partitions["failed"]) == (1, 0)


@pytest.mark.parametrize("reason", [reasons.UNREADABLE, reasons.NOT_FOUND])
def test_a_partition_with_a_file_its_worker_could_not_open_is_written_but_not_marked(
    tmp_path: Path, reason: str
) -> None:
    partition, report = _partition(tmp_path), _report()
    items = [Skipped("/mnt/gone/b.txt", reason, "cannot read")]
    out = list(_items([(partition, items)], report))
    assert out == items  # named, and no Checkpoint: the next run reads it again
    assert (report.partitions["done"], report.partitions["failed"]) == (0, 1)


def test_a_failed_partition_is_named_and_not_marked(tmp_path: Path) -> None:
    partition, report = _partition(tmp_path), _report()
    failed = Skipped(partition.label, reasons.PARTITION_FAILED, "KilledWorker")
    assert list(_items([(partition, failed)], report)) == [failed]
    assert report.partitions["failed"] == 1
