"""News archives: WARC files (`.warc`, `.warc.gz`), the format of crawls such as CC-NEWS.

The file is streamed record by record with warcio, never loaded whole: each record's
payload is read up to max_doc_bytes and the rest drained. HTTP `response` records with
an HTML content type and a 2xx status become Documents through the HTML reader; every
other record is passed over and counted, and the counts are named in one Skipped per
file (`warc_passed_over`). A damaged record becomes a Skipped naming the file and its
byte offset, and reading resumes at the next record header found after it. Gzipped
archives are inflated by `gz.guarded_gzip`, so offsets in them count inflated bytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from coprod.ingest import reasons
from coprod.ingest.files import text_or_skip
from coprod.ingest.gz import GuardedGzip, InflateLimit, failures_as_skips, guarded_gzip
from coprod.ingest.html import HTML_TYPES, html_to_document
from coprod.ingest.meta import host_of, iso_date
from coprod.model import Document, Skipped
from coprod.settings import Settings

HTML = "html"  # the kind of record that becomes a document
GZIP_MAGIC = b"\x1f\x8b"
RECORD_START = b"\nWARC/1."  # how a record header begins: where reading resumes after damage
CHUNK_BYTES = 1 << 16  # payloads are read, drained and scanned in chunks of this size

Stream = BinaryIO | GuardedGzip
Items = Generator[Document | Skipped, None, int | None]  # the return value: where to resume


def read_warc(path: Path, file_id: str, settings: Settings) -> Iterator[Document | Skipped]:
    """One Document per HTML page archived in `path`; a Skipped per damaged record."""
    yield from failures_as_skips(str(path), _warc(path, file_id, settings))


def _warc(path: Path, file_id: str, settings: Settings) -> Iterator[Document | Skipped]:
    with path.open("rb") as raw:
        gzipped = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        stream = guarded_gzip(raw, settings) if gzipped else raw
        yield from _read_archive(stream, path, file_id, settings)


def _read_archive(
    stream: Stream, path: Path, file_id: str, settings: Settings
) -> Iterator[Document | Skipped]:
    tally: Counter[str] = Counter()
    start: int | None = 0
    while start is not None:
        start = yield from _read_from(stream, start, path, file_id, settings, tally)
    passed = Counter({kind: count for kind, count in tally.items() if kind != HTML})
    if passed:
        yield Skipped(str(path), reasons.WARC_PASSED_OVER, _tally_detail(passed))
    if not tally:
        yield Skipped(str(path), reasons.EMPTY, "no WARC records")


def _read_from(
    stream: Stream, start: int, path: Path, file_id: str, settings: Settings, tally: Counter[str]
) -> Items:
    """Records from `start` on; after a damaged one, the offset to resume at (or None)."""
    stream.seek(start)
    records = ArchiveIterator(stream)
    try:
        for record in records:
            yield from _one_record(record, records, path, file_id, settings, tally)
    except InflateLimit:
        raise
    except Exception as err:  # warcio raises many kinds on a damaged record
        yield _damaged(path, records.offset, f"cannot read record: {err!r}")
        return _next_record_start(stream, records.offset)
    yield from _truncated_header(stream, records.offset, path)
    return None


def _one_record(
    record: Any,
    records: Any,
    path: Path,
    file_id: str,
    settings: Settings,
    tally: Counter[str],
) -> Iterator[Document | Skipped]:
    kind = _kind(record)
    limit = settings.max_doc_bytes
    payload = _read_at_most(record.content_stream(), limit) if kind == HTML else b""
    _drain(record.raw_stream)
    offset = records.get_record_offset()
    damage = _damage(record)
    if damage is not None:
        yield _damaged(path, offset, damage)
        return
    tally[kind] += 1
    if kind != HTML:
        return  # counted, and named once per file
    if len(payload) > limit:
        detail = f"page over {limit:,} bytes (max_doc_bytes); not read further"
        yield Skipped(f"{path}@{offset}", reasons.TOO_LARGE, detail)
    else:
        where = f"{path}@{offset}"
        yield _page(record, payload, f"{file_id}@{offset}", where, settings.max_html_elements)


def _damage(record: Any) -> str | None:
    """What is wrong with a record read to its end, if anything."""
    if record.length is None:
        return "no Content-Length: a header cut short or malformed"
    if getattr(record.raw_stream, "limit", 0) > 0:
        return "truncated: the file ends inside this record"
    return None


def _kind(record: Any) -> str:
    """`html` for a 2xx HTTP response carrying a web page, else what the record is."""
    if record.rec_type != "response":
        return f"{record.rec_type} records"
    headers = record.http_headers
    if headers is None:
        return "responses without HTTP headers"
    status = headers.get_statuscode() or ""
    if not status.startswith("2"):
        return "responses with a non-2xx status"
    content_type = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return HTML if content_type in HTML_TYPES else "responses that are not HTML"


def _page(
    record: Any, payload: bytes, doc_id: str, source: str, max_elements: int
) -> Document | Skipped:
    """The page as a Document: URL from WARC-Target-URI, date from the page or WARC-Date."""
    text = text_or_skip(payload, source)
    if isinstance(text, Skipped):
        return text
    found = html_to_document(text, doc_id, source, max_elements)
    if isinstance(found, Skipped):
        return found
    url = record.rec_headers.get_header("WARC-Target-URI") or found.url
    warc_date = record.rec_headers.get_header("WARC-Date") or ""
    return replace(
        found,
        url=url,
        date=found.date or iso_date(warc_date),
        outlet=found.outlet or (host_of(url) if url else None),
    )


def _read_at_most(stream: Any, limit: int) -> bytes:
    """Up to `limit + 1` bytes of `stream`: one byte more tells that it is over the limit."""
    parts: list[bytes] = []
    wanted = limit + 1
    while wanted > 0 and (chunk := stream.read(min(wanted, CHUNK_BYTES))):
        parts.append(chunk)
        wanted -= len(chunk)
    return b"".join(parts)


def _drain(raw_stream: Any) -> None:
    """Read past the rest of a record without keeping it."""
    while raw_stream.read(CHUNK_BYTES):
        pass


def _truncated_header(stream: Stream, end: int, path: Path) -> Iterator[Skipped]:
    """A Skipped when bytes other than blank lines follow the last whole record."""
    stream.seek(end)
    if stream.read(CHUNK_BYTES).strip():
        yield _damaged(path, end, "truncated: the file ends inside a record header")


def _next_record_start(stream: Stream, offset: int) -> int | None:
    """The offset of the first record header after `offset`, or None at the end of the file."""
    stream.seek(offset)
    carry, position = b"", offset
    while chunk := stream.read(CHUNK_BYTES):
        found = (carry + chunk).find(RECORD_START)
        if found >= 0:
            return position - len(carry) + found + 1
        carry = (carry + chunk)[-len(RECORD_START) :]
        position += len(chunk)
    return None


def _damaged(path: Path, offset: int, detail: str) -> Skipped:
    where = f"record at byte {offset}"
    return Skipped(f"{path}@{offset}", reasons.BAD_WARC_RECORD, f"{where}: {detail}")


def _tally_detail(tally: Counter[str]) -> str:
    counts = ", ".join(f"{kind}: {count:,}" for kind, count in sorted(tally.items()))
    return f"{sum(tally.values()):,} records are no HTML page and were passed over: {counts}"
