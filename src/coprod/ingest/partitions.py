"""Inputs cut into partitions: pieces of about `partition_bytes` that a worker reads alone.

A large JSON Lines file is cut at line ends into byte ranges, each knowing the number of
its first line, so a record without an `id` gets the same `file:line` id as in a
single-process run. Every other file is read whole (a gzipped file or a WARC archive cannot
be entered midway without reading it from the start), and small files are grouped, in the
order the single-process reader meets them. Reading the partitions one after the other
yields exactly what `read_sources` yields for the same inputs, which is what keeps a
scaled-out ledger equal to a single-process one.

A partition's key is the SHA-256 of its files (path, size, modification time) and byte
range: it names the same piece of the same input in the manifest of a later run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from coprod.errors import InputError
from coprod.ingest import reasons
from coprod.ingest.decode import has_nul
from coprod.ingest.files import Found, find_files
from coprod.ingest.jsonl import SNIFF_BYTES, read_records
from coprod.ingest.sources import read_file, suffix_of
from coprod.model import Document, Skipped
from coprod.settings import Settings

SPLIT_SUFFIXES = frozenset({".jsonl"})  # files that can be entered at any line end
MAX_FILES = 1_000  # small files grouped into one partition: a page each, so a round of work
SCAN_BYTES = 1 << 20  # a large JSONL file is scanned for its line ends in chunks this size


@dataclass(frozen=True)
class Partition:
    """Whole files (`files`), or one byte range of one JSON Lines file (`start` to `end`)."""

    key: str
    label: str
    files: tuple[Found, ...]
    bytes: int
    start: int = 0
    end: int | None = None  # None: the files whole
    first_line: int = 1
    whole: bool = True  # the range is the whole file (only then can it be called empty)


def plan(paths: Iterable[str | Path], settings: Settings) -> Iterator[Partition | Skipped]:
    """The partitions of `paths` in reading order; a Skipped for a path that is no input."""
    _check(settings)
    group: list[tuple[Found, int]] = []
    grouped = 0  # bytes in `group`
    for root in paths:
        for found in find_files(Path(root)):
            if isinstance(found, Skipped):
                yield from _flush(group)
                yield found
                continue
            size = _size(found.path)
            if size >= settings.partition_bytes:
                yield from _flush(group)
                yield from _large(found, size, settings.partition_bytes)
                continue
            grouped = (grouped if group else 0) + size  # `_flush` empties the group
            group.append((found, size))
            if grouped >= settings.partition_bytes or len(group) >= MAX_FILES:
                yield from _flush(group)
    yield from _flush(group)


def plan_lines(names: Iterable[str], settings: Settings) -> Iterator[Partition]:
    """`coprod extract`'s inputs: each named file read as JSON Lines whatever its name, cut
    at line ends, its records without `id` named `NAME:LINE` by the name as given (as the
    single-process `coprod extract` names them); never called empty."""
    _check(settings)
    for name in names:
        found = Found(Path(name).resolve(), name)  # opened by workers whatever their folder
        cuts = _cuts(found.path, settings.partition_bytes)
        if cuts is None or not found.path.is_file():
            raise InputError(f"cannot read {name}: not a readable file")
        yield from _ranges(found, name, cuts[0])


def _check(settings: Settings) -> None:
    if settings.partition_bytes < 1:
        detail = f"{settings.partition_bytes} (COPROD_PARTITION_BYTES)"
        raise InputError(f"partition_bytes must be 1 or more, not {detail}")


def read_partition(partition: Partition, settings: Settings) -> Iterator[Document | Skipped]:
    """What `read_sources` yields for the partition's part of the inputs, in the same order."""
    if partition.end is None:
        for found in partition.files:
            yield from read_file(found, settings)
        return
    (found,) = partition.files
    try:
        with found.path.open("rb") as handle:
            handle.seek(partition.start)
            lines = _Range(handle, partition.end)
            limit = settings.max_jsonl_line_bytes
            yield from read_records(
                lines,
                found.path,
                found.doc_id,
                limit,
                first_line=partition.first_line,
                whole=partition.whole,
            )
    except OSError as err:
        yield Skipped(str(found.path), reasons.UNREADABLE, f"cannot read: {err.strerror}")


class _Range:
    """Lines of an open file up to byte `end` (a line end, where the partition stops)."""

    def __init__(self, handle: BinaryIO, end: int) -> None:
        self._handle = handle
        self._end = end

    def readline(self, size: int = -1, /) -> bytes:
        position = self._handle.tell()
        left = self._end - position
        if left <= 0:
            return b""
        wanted = left if size < 0 else min(size, left)
        return self._handle.readline(wanted)


def _flush(group: list[tuple[Found, int]]) -> Iterator[Partition]:
    """The grouped small files as one partition; the group is emptied."""
    if not group:
        return
    files = tuple(found for found, _ in group)
    size = sum(s for _, s in group)
    first, last = files[0].path, files[-1].path
    label = str(first) if len(files) == 1 else f"{first} … {last} ({len(files):,} files)"
    group.clear()
    yield Partition(_key(files, 0, None), label, files, size)


def _large(found: Found, size: int, target: int) -> Iterator[Partition]:
    """A large file: cut at line ends when it is JSON Lines with some text, else read whole
    (then a binary, unreadable or blank file is named once, as in a single-process run)."""
    cuts = None
    if suffix_of(found.path) in SPLIT_SUFFIXES and not _binary(found.path):
        cuts = _cuts(found.path, target)
    if cuts is None or not cuts[1] or len(cuts[0]) == 1:
        yield Partition(_key((found,), 0, None), str(found.path), (found,), size)
        return
    yield from _ranges(found, str(found.path), cuts[0])


def _ranges(found: Found, name: str, cuts: list[tuple[int, int, int]]) -> Iterator[Partition]:
    """One partition per byte range of the file `found`, labelled by `name`."""
    for start, end, first_line in cuts:
        label = f"{name} bytes {start:,}–{end:,} (from line {first_line:,})"
        key = _key((found,), start, end)
        yield Partition(key, label, (found,), end - start, start, end, first_line, False)


def line_cuts(path: Path, target: int) -> list[tuple[int, int, int]]:
    """(start, end, number of the first line) of ranges of about `target` bytes, each ending
    just after a line end (or at the end of the file); [] when the file cannot be read."""
    cuts = _cuts(path, target)
    return [] if cuts is None else cuts[0]


def _cuts(path: Path, target: int) -> tuple[list[tuple[int, int, int]], bool] | None:
    """`line_cuts`' ranges, and whether the file holds anything but whitespace, in one pass
    counting line ends; None when it cannot be read to its end."""
    ranges: list[tuple[int, int, int]] = []
    start, first_line, position, lines_before, text = 0, 1, 0, 0, False
    next_cut = target
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(SCAN_BYTES):
                text = text or not chunk.isspace()
                while next_cut < position + len(chunk):
                    found = chunk.find(b"\n", max(next_cut - position, 0))
                    if found < 0:
                        next_cut = position + len(chunk)  # the cut falls in the next chunk
                        break
                    end = position + found + 1
                    ranges.append((start, end, first_line))
                    start = end
                    first_line = lines_before + chunk.count(b"\n", 0, found + 1) + 1
                    next_cut = end + target
                lines_before += chunk.count(b"\n")
                position += len(chunk)
    except OSError:
        return None
    if position > start or start == 0:
        ranges.append((start, max(position, start), first_line))
    return ranges, text


def _binary(path: Path) -> bool:
    """True for a file with NUL bytes at its start: read whole, so it is skipped once."""
    try:
        with path.open("rb") as handle:
            return has_nul(handle.read(SNIFF_BYTES))
    except OSError:
        return True  # whole, so the reader names the failure


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _key(files: tuple[Found, ...], start: int, end: int | None) -> str:
    """The partition's name in the manifest: its files as they are now, and its range."""
    described = [[str(f.path.resolve()), f.doc_id, *_stat(f.path)] for f in files]
    payload = json.dumps([described, start, end])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _stat(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return stat.st_size, stat.st_mtime_ns
