"""Inputs cut into partitions: read one after the other, they yield what `read_sources` does."""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from coprod.ingest import partitions, read_sources
from coprod.ingest.partitions import MAX_FILES, Partition, line_cuts, plan, read_partition
from coprod.model import Document, Skipped
from coprod.settings import Settings
from tests.ingest.test_gz import _write_jsonl_gz
from tests.ingest.test_sources import _mixed_folder
from tests.ingest.test_warc import _archive

LINE_LIMIT = 400  # max_jsonl_line_bytes in these tests: an over-long line costs little
SETTINGS = replace(Settings(), max_jsonl_line_bytes=LINE_LIMIT)
SIZES = [1, 50, 10_000, 10**9]


def _record(i: int, with_id: bool) -> str:
    record: dict[str, object] = {"text": f"Denmark pays Ukrainian drone makers, report {i}."}
    if with_id:
        record["id"] = f"r{i}"
    return json.dumps(record)


def _large_jsonl(path: Path) -> Path:
    """Records with and without ids, blank lines, bad lines, an over-long line, CRLF line
    ends, and no newline after the last line."""
    lines: list[str] = []
    for i in range(60):
        lines.append(_record(i, with_id=i % 3 == 0))
        if i % 7 == 0:
            lines.append("")
        if i % 11 == 0:
            lines.append('{"id": "broken", "te')
        if i % 13 == 0:
            lines.append("   \t")
        if i == 30:
            lines.append(json.dumps({"text": "x" * (LINE_LIMIT * 3)}))
        if i == 40:
            lines.append("[1, 2, 3]")
    body = "\n".join(lines[:50]) + "\n" + "\r\n".join(lines[50:])  # last line: no newline
    path.write_bytes(body.encode("utf-8"))
    return path


def _inputs(root: Path) -> list[Path]:
    """A folder of many small files of every kind, a large JSON Lines file, a binary one,
    a missing path and an unsupported file."""
    folder = root / "many"
    folder.mkdir()
    _mixed_folder(folder)
    for i in range(12):
        (folder / f"n{i:02d}.txt").write_text(f"Story {i}: Norway funds shells.\n")
        (folder / f"p{i:02d}.html").write_text(
            f"<html><body><article><p>Page {i}: Sweden buys drones.</p></article></body></html>"
        )
        (folder / f"s{i:02d}.jsonl").write_text(_record(100 + i, with_id=i % 2 == 0) + "\n")
    _write_jsonl_gz(folder / "z.jsonl.gz", [{"id": "g1", "text": "Gzipped story of Kyiv."}])
    _archive(folder / "w.warc")
    big = _large_jsonl(root / "big.jsonl")
    binary = root / "binary.jsonl"
    binary.write_bytes(b'{"text": "a"}\n\x00\x00' + b"\x00\n" * 20_000)
    unsupported = root / "notes.docx"
    unsupported.write_bytes(b"PK\x03\x04")
    return [folder, big, root / "missing.jsonl", binary, unsupported, big]


def _by_partitions(paths: Iterable[str | Path], settings: Settings) -> list[Document | Skipped]:
    """What a scaled-out run reads: each partition in turn, Skipped passed through."""
    out: list[Document | Skipped] = []
    for part in plan(paths, settings):
        if isinstance(part, Skipped):
            out.append(part)
        else:
            out.extend(read_partition(part, settings))
    return out


def _partitions(paths: Iterable[str | Path], settings: Settings) -> list[Partition]:
    return [p for p in plan(paths, settings) if isinstance(p, Partition)]


@pytest.mark.parametrize("size", SIZES)
def test_partitions_read_in_turn_yield_what_read_sources_yields(tmp_path: Path, size: int) -> None:
    paths = _inputs(tmp_path)
    settings = replace(SETTINGS, partition_bytes=size)
    expected = list(read_sources(paths, settings))
    assert _by_partitions(paths, settings) == expected
    reasons = {item.reason for item in expected if isinstance(item, Skipped)}
    assert {"not_found", "unsupported", "binary", "bad_json", "too_large"} <= reasons
    ids = {item.id for item in expected if isinstance(item, Document)}
    assert {"big.jsonl:5", "r0", "r3"} <= ids  # ids from the file and line where none is given


def test_small_partitions_cut_the_large_file_and_large_ones_group_the_small(
    tmp_path: Path,
) -> None:
    paths = _inputs(tmp_path)
    big = str(tmp_path / "big.jsonl")
    small = _partitions(paths, replace(SETTINGS, partition_bytes=50))
    cut = [p for p in small if p.end is not None and str(p.files[0].path) == big]
    assert len(cut) > 10 and not any(p.whole for p in cut)
    assert [p.first_line for p in cut][:2] == [1, 2] and cut[-1].end == Path(big).stat().st_size
    one_line = [p for p in small if p.files[0].path.name.startswith("s")]  # over 50 bytes
    assert len(one_line) == 12
    assert all((p.start, p.end, p.whole) == (0, None, True) for p in one_line)  # read whole
    huge = _partitions(paths, replace(SETTINGS, partition_bytes=10**9))
    assert all(p.end is None for p in huge)
    assert len(huge[0].files) > 30  # the whole folder in one group


def test_a_binary_jsonl_file_over_partition_bytes_is_one_partition_skipped_once(
    tmp_path: Path,
) -> None:
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b'{"text": "a"}\n\x00' + b"\x00\n" * 5_000)
    settings = replace(SETTINGS, partition_bytes=100)
    (part,) = _partitions([binary], settings)
    assert (part.end, part.bytes) == (None, binary.stat().st_size)
    items = list(read_partition(part, settings))
    assert [(s.source, s.reason) for s in items if isinstance(s, Skipped)] == [
        (str(binary), "binary")
    ]
    assert items == list(read_sources([binary], settings))


def test_a_large_file_of_blank_lines_is_read_whole_and_called_empty_once(tmp_path: Path) -> None:
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\n" * 40 + b"   \r\n" * 40)
    whole = list(read_sources([blank], SETTINGS))
    assert [(s.source, s.reason) for s in whole if isinstance(s, Skipped)] == [
        (str(blank), "empty")
    ]
    for size in (30, blank.stat().st_size):  # many ranges, or one: never cut, read whole
        settings = replace(SETTINGS, partition_bytes=size)
        (part,) = _partitions([blank], settings)
        assert (part.end, part.whole) == (None, True)
        assert _by_partitions([blank], settings) == whole


def test_small_files_are_grouped_up_to_max_files(tmp_path: Path) -> None:
    for i in range(MAX_FILES + 5):
        (tmp_path / f"{i:05d}.txt").write_text("a")
    parts = _partitions([tmp_path], replace(SETTINGS, partition_bytes=10**9))
    assert [len(p.files) for p in parts] == [MAX_FILES, 5]
    assert [p.bytes for p in parts] == [MAX_FILES, 5]


def test_a_group_closes_once_it_reaches_partition_bytes(tmp_path: Path) -> None:
    for i in range(10):
        (tmp_path / f"{i}.txt").write_text("x" * 30)
    parts = _partitions([tmp_path], replace(SETTINGS, partition_bytes=100))
    assert [len(p.files) for p in parts] == [4, 4, 2]
    assert [f.doc_id for p in parts for f in p.files] == [f"{i}.txt" for i in range(10)]


# -- line_cuts ----------------------------------------------------------------------------


def _check_cuts(data: bytes, cuts: list[tuple[int, int, int]], target: int) -> None:
    """Contiguous ranges covering the file, each ending just after the first line end at
    least `target` bytes in (or at the end), each knowing the number of its first line."""
    assert cuts[0][0] == 0 and cuts[-1][1] == len(data)
    for (_, end, _), (start, _, _) in itertools.pairwise(cuts):
        assert end == start
    for start, end, first_line in cuts:
        assert start < end or len(data) == 0
        assert data[end - 1 : end] == b"\n" or end == len(data)
        assert first_line == data.count(b"\n", 0, start) + 1
        newline = data.find(b"\n", start + target)  # the first line end past the target
        assert end == (newline + 1 if newline >= 0 else len(data))


def test_line_cuts_cover_the_file_in_contiguous_ranges_ending_at_line_ends(
    tmp_path: Path,
) -> None:
    path = _large_jsonl(tmp_path / "big.jsonl")
    data = path.read_bytes()
    for target in (1, 7, 50, 333, len(data) - 1, len(data), 10**6):
        cuts = list(line_cuts(path, target))
        _check_cuts(data, cuts, target)
        assert (len(cuts) == 1) == (target >= len(data) - 1)  # the last line has no newline
    assert len(list(line_cuts(path, 50))) > 20


def test_line_cuts_of_an_empty_a_missing_and_a_newline_ended_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert list(line_cuts(empty, 10)) == [(0, 0, 1)]
    assert list(line_cuts(tmp_path / "gone.jsonl", 10)) == []  # unreadable: read whole
    ended = tmp_path / "ended.jsonl"
    ended.write_bytes(b"aaaa\nbbbb\ncccc\n")
    assert list(line_cuts(ended, 3)) == [(0, 5, 1), (5, 10, 2), (10, 15, 3)]
    assert list(line_cuts(ended, 6)) == [(0, 10, 1), (10, 15, 3)]


@hypothesis_settings(max_examples=150, deadline=None)
@given(
    data=st.binary(max_size=300).map(lambda b: b.replace(b"\x00", b"\n")),
    target=st.integers(1, 400),
    scan=st.integers(1, 64),
)
def test_line_cuts_hold_for_any_bytes_and_scan_size(data: bytes, target: int, scan: int) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(partitions, "SCAN_BYTES", scan)  # line ends across scanned chunks
        path = Path(folder) / "f.jsonl"
        path.write_bytes(data)
        _check_cuts(data, list(line_cuts(path, target)), target)


# -- the contract, for any JSON Lines ------------------------------------------------------

LINES = st.one_of(
    st.builds(
        lambda i, t: json.dumps({"id": i, "text": t}), st.integers(0, 5), st.text(max_size=20)
    ),
    st.builds(lambda t: json.dumps({"text": t}), st.text(min_size=1, max_size=30)),
    st.sampled_from(["", " ", "\t", "{", "[]", '{"text": 1}', "null", '"x"', "x" * 70]),
    st.text(max_size=15),
)


@hypothesis_settings(max_examples=120, deadline=None)
@given(
    lines=st.lists(LINES, max_size=25),
    ends=st.sampled_from(["\n", "\r\n"]),
    trailing=st.booleans(),
    size=st.integers(1, 600),
    scan=st.integers(1, 100),
)
def test_any_jsonl_read_by_partitions_equals_read_sources(
    lines: list[str], ends: str, trailing: bool, size: int, scan: int
) -> None:
    settings = replace(Settings(), max_jsonl_line_bytes=60, partition_bytes=size)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(partitions, "SCAN_BYTES", scan)
        path = Path(folder) / "feed.jsonl"
        body = ends.join(line.replace("\n", " ").replace("\r", " ") for line in lines)
        path.write_bytes((body + (ends if trailing and lines else "")).encode("utf-8"))
        expected = list(read_sources([path], settings))
        got = _by_partitions([path], settings)
        parts = _partitions([path], settings)
    if len(parts) > 1 and expected == [Skipped(str(path), "empty", "no records")]:
        assert got == []  # the documented exception: a cut file is never called empty
    else:
        assert got == expected


# -- keys and labels -----------------------------------------------------------------------


def test_keys_name_the_same_pieces_again_and_differ_between_pieces(tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    settings = replace(SETTINGS, partition_bytes=50)
    first = _partitions(paths, settings)
    assert [p.key for p in _partitions(paths, settings)] == [p.key for p in first]
    distinct = {(p.files, p.start, p.end) for p in first}
    assert len({p.key for p in first}) == len(distinct)
    assert all(len(p.key) == 64 for p in first)


def test_a_key_changes_when_its_file_is_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(_record(1, with_id=True) + "\n")
    settings = replace(SETTINGS, partition_bytes=10**9)
    (before,) = _partitions([path], settings)
    stat = path.stat()
    path.write_text(_record(2, with_id=True) + "\n\n")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time: the size tells
    (after,) = _partitions([path], settings)
    assert after.key != before.key


def test_labels_name_the_file_and_the_range(tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    big = str(tmp_path / "big.jsonl")
    for part in _partitions(paths, replace(SETTINGS, partition_bytes=200)):
        assert str(part.files[0].path) in part.label
        if part.end is not None:
            assert part.label.startswith(f"{big} bytes {part.start:,}–{part.end:,}")
            assert f"(from line {part.first_line:,})" in part.label
        elif len(part.files) > 1:
            assert str(part.files[-1].path) in part.label
            assert f"({len(part.files):,} files)" in part.label
