"""JSON Lines files: one record per line, read line by line, never whole.

A record is an object with `text` and optionally `id, url, title, date, lang, kind,
outlet` (the shape of the shared dev corpus). Each bad line becomes a Skipped naming
the file and line number, and reading goes on with the next line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from coprod.ingest import reasons
from coprod.ingest.decode import decode, has_nul, normalise
from coprod.ingest.meta import host_of, iso_date, primary_lang
from coprod.model import Document, Skipped
from coprod.settings import Settings

OPTIONAL_FIELDS = ("url", "title", "date", "lang", "kind", "outlet")
SNIFF_BYTES = 8192  # enough of the start of a file to tell a binary one by its NULs
DRAIN_BYTES = 1 << 20  # an over-long line is skipped in chunks of this size, never held


class LineSource(Protocol):
    """What the line reader needs: an open file, or an inflating stream (`gz.GuardedGzip`)."""

    def readline(self, size: int = -1, /) -> bytes: ...


def read_jsonl(path: Path, file_id: str, settings: Settings) -> Iterator[Document | Skipped]:
    """One Document per valid line of `path`; a Skipped per bad line, or for the file."""
    try:
        with path.open("rb") as handle:
            if has_nul(handle.read(SNIFF_BYTES)):
                yield Skipped(str(path), reasons.BINARY, "contains NUL bytes: not JSON Lines")
                return
            handle.seek(0)
            yield from read_records(handle, path, file_id, settings.max_jsonl_line_bytes)
    except OSError as err:
        yield Skipped(str(path), reasons.UNREADABLE, f"cannot read: {err.strerror}")


def read_records(
    handle: LineSource,
    path: Path,
    file_id: str,
    limit: int,
    *,
    first_line: int = 1,
    whole: bool = True,
) -> Iterator[Document | Skipped]:
    """One Document per valid line of `handle`; a Skipped per bad line, or `empty` for none.

    `handle` may start inside the file (a partition): its first line is line `first_line`,
    and only a `whole` file is called empty."""
    seen = not whole
    for number, line in numbered_lines(handle, limit, first_line):
        if line is not None and not line.strip():
            continue  # blank lines hold no record and are not errors
        seen = True
        source = f"{path}:{number}"
        if line is None:
            yield Skipped(source, reasons.TOO_LARGE, _too_long(limit))
        else:
            yield parse_line(line, source, f"{file_id}:{number}")
    if not seen:
        yield Skipped(str(path), reasons.EMPTY, "no records")


def numbered_lines(
    handle: LineSource, limit: int, first: int = 1
) -> Iterator[tuple[int, bytes | None]]:
    """(line number from `first`, line) pairs; the line is None when longer than `limit` bytes."""
    number = first - 1
    while chunk := handle.readline(limit + 1):
        number += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            _drain_line(handle, chunk)
            yield number, None
        else:
            yield number, chunk


def _drain_line(handle: LineSource, chunk: bytes) -> None:
    """Read past the rest of an over-long line without keeping it."""
    while chunk and not chunk.endswith(b"\n"):
        chunk = handle.readline(DRAIN_BYTES)


def parse_line(line: bytes, source: str, fallback_id: str) -> Document | Skipped:
    """One JSONL line as a Document; `bad_json` or `bad_record` when it cannot be one."""
    try:
        record = json.loads(decode(line).text)
    except (ValueError, RecursionError) as err:
        return Skipped(source, reasons.BAD_JSON, f"not valid JSON: {_first_line(err)}")
    return record_to_document(record, source, fallback_id)


def record_to_document(record: object, source: str, fallback_id: str) -> Document | Skipped:
    """A parsed record as a Document, with each field checked and cleaned."""
    if not isinstance(record, dict):
        return Skipped(source, reasons.BAD_RECORD, f"a JSON {_kind(record)}, not an object")
    problem = _problem(record)
    if problem:
        return Skipped(source, reasons.BAD_RECORD, problem)
    text = normalise(record["text"])
    if not text.strip():
        return Skipped(source, reasons.EMPTY, "'text' is empty or whitespace only")
    fields = {name: _clean(name, record.get(name)) for name in OPTIONAL_FIELDS}
    if fields["outlet"] is None and fields["url"] is not None:
        fields["outlet"] = host_of(fields["url"])
    doc_id = record.get("id")
    doc_id = fallback_id if doc_id is None or doc_id == "" else str(doc_id)
    return Document(id=doc_id, text=text, source=source, **fields)


def _problem(record: dict[str, Any]) -> str | None:
    """What makes the record unusable, if anything."""
    if not isinstance(record.get("text"), str):
        return "no 'text' string"
    doc_id = record.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int | None):
        return "'id' is neither a string nor an integer"
    for name in OPTIONAL_FIELDS:
        if not isinstance(record.get(name), str | None):
            return f"'{name}' is a {_kind(record[name])}, not a string"
    date = record.get("date")
    if date and iso_date(date) is None:
        return f"'date' {date!r} is not YYYY-MM-DD"
    return None


def _clean(name: str, value: str | None) -> str | None:
    """Blank strings are unknown; dates and languages take their canonical form."""
    if value is None or not value.strip():
        return None
    if name == "date":
        return iso_date(value)
    if name == "lang":
        return primary_lang(value) or value.strip()
    return normalise(value.strip()) if name == "title" else value.strip()


def _kind(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _first_line(err: Exception) -> str:
    return str(err).split("\n", 1)[0][:200]


def _too_long(limit: int) -> str:
    return f"line longer than {limit:,} bytes (max_jsonl_line_bytes); not read"
