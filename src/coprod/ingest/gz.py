"""Gzipped inputs, inflated as a stream under a guard against decompression bombs.

`guarded_gzip` wraps an open `.gz` file: reads return inflated bytes, and each read
checks how far the inflated stream has gone against `max_decompressed_bytes` and
against `max_compression_ratio` times the compressed bytes consumed so far. Past
either limit it raises `InflateLimit`, which the readers turn into a Skipped with
reason `decompression_bomb`. Nothing is ever inflated whole into memory.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from coprod.ingest import reasons
from coprod.ingest.jsonl import read_records
from coprod.model import Document, Skipped
from coprod.settings import Settings

MIN_RATIO_BYTES = 1 << 20  # below 1 MiB inflated a high ratio does no harm: not checked
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)  # corrupt or truncated .gz data


class InflateLimit(Exception):
    """The inflated stream passed max_decompressed_bytes or max_compression_ratio."""


class GuardedGzip:
    """A read-only binary stream of the inflated bytes of `raw`, bounded as it goes."""

    def __init__(self, raw: BinaryIO, max_bytes: int, max_ratio: int) -> None:
        self._raw = raw
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")
        self._max_bytes = max_bytes
        self._max_ratio = max_ratio

    def read(self, size: int = -1, /) -> bytes:
        """Up to `size` bytes; fewer when a gzip member ends, so a later corrupt member
        cannot take the bytes inflated before it with its exception."""
        limit = self._max_bytes + 1 - self._gz.tell()
        data = self._gz.read1(limit if size < 0 else min(size, max(limit, 0)))
        self._check()
        return data

    def readline(self, size: int = -1, /) -> bytes:
        limit = self._max_bytes + 1 - self._gz.tell()
        line = self._gz.readline(limit if size < 0 else min(size, max(limit, 0)))
        self._check()
        return line

    def tell(self) -> int:
        return self._gz.tell()

    def seek(self, offset: int, whence: int = 0, /) -> int:
        return self._gz.seek(offset, whence)

    def close(self) -> None:
        self._gz.close()

    def _check(self) -> None:
        """Raise InflateLimit when the bytes inflated so far pass either limit."""
        inflated, compressed = self._gz.tell(), max(self._raw.tell(), 1)
        if inflated > self._max_bytes:
            raise InflateLimit(
                f"inflates past {self._max_bytes:,} bytes (max_decompressed_bytes); "
                "not read further"
            )
        if inflated > MIN_RATIO_BYTES and inflated > self._max_ratio * compressed:
            raise InflateLimit(
                f"{inflated:,} bytes from {compressed:,} compressed: ratio over "
                f"{self._max_ratio} (max_compression_ratio); not read further"
            )


def guarded_gzip(raw: BinaryIO, settings: Settings) -> GuardedGzip:
    """`raw` (an open .gz file) inflated as a stream under the settings' bomb limits."""
    return GuardedGzip(raw, settings.max_decompressed_bytes, settings.max_compression_ratio)


def read_jsonl_gz(path: Path, file_id: str, settings: Settings) -> Iterator[Document | Skipped]:
    """One Document per valid line of a gzipped JSONL file; Skipped per bad line or for the file."""
    yield from failures_as_skips(str(path), _jsonl_gz(path, file_id, settings))


def _jsonl_gz(path: Path, file_id: str, settings: Settings) -> Iterator[Document | Skipped]:
    with path.open("rb") as raw:
        stream = guarded_gzip(raw, settings)
        yield from read_records(stream, path, file_id, settings.max_jsonl_line_bytes)


def failures_as_skips(
    source: str, items: Iterator[Document | Skipped]
) -> Iterator[Document | Skipped]:
    """`items`, then a Skipped for the failure that ended them early: bomb, bad gzip, OS error."""
    try:
        yield from items
    except InflateLimit as err:
        yield Skipped(source, reasons.DECOMPRESSION_BOMB, str(err))
    except GZIP_ERRORS as err:
        yield Skipped(source, reasons.BAD_GZIP, f"corrupt or truncated gzip: {err}")
    except OSError as err:
        yield Skipped(source, reasons.UNREADABLE, f"cannot read: {err.strerror}")
