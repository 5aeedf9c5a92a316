"""The ingest stage's entry point: paths in, documents (or reasons for skipping) out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from coprod.ingest import reasons
from coprod.ingest.files import Found, find_files
from coprod.ingest.gz import read_jsonl_gz
from coprod.ingest.html import read_html
from coprod.ingest.jsonl import read_jsonl
from coprod.ingest.plain import read_plain
from coprod.ingest.warc import read_warc
from coprod.model import Document, Skipped
from coprod.settings import Settings

Reader = Callable[[Path, str, Settings], Iterator[Document | Skipped]]


def _one(read: Callable[[Path, str, Settings], Document | Skipped]) -> Reader:
    """A reader of one-document files, shaped like the readers of many-document files."""

    def reader(path: Path, doc_id: str, settings: Settings) -> Iterator[Document | Skipped]:
        yield read(path, doc_id, settings)

    return reader


READERS: dict[str, Reader] = {
    ".txt": _one(read_plain),
    ".html": _one(read_html),
    ".htm": _one(read_html),
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl_gz,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}


def read_sources(paths: Iterable[str | Path], settings: Settings) -> Iterator[Document | Skipped]:
    """Every document in `paths` (files, or folders walked recursively in name order).

    Lazy: a file is read only when the caller asks for its documents. Never raises for
    bad input; each unusable file or JSONL line is yielded as a `Skipped` whose
    `reason` is one of `coprod.ingest.reasons.REASONS`.
    """
    for root in paths:
        for found in find_files(Path(root)):
            if isinstance(found, Skipped):
                yield found
            else:
                yield from read_file(found, settings)


def read_file(found: Found, settings: Settings) -> Iterator[Document | Skipped]:
    """The documents of one file, by the reader for its extension."""
    suffix = suffix_of(found.path)
    reader = READERS.get(suffix)
    if reader is None:
        kind = f"'{suffix}'" if suffix else "no extension"
        supported = ", ".join(sorted(READERS))
        detail = f"{kind} is not a supported file type ({supported})"
        yield Skipped(str(found.path), reasons.UNSUPPORTED, detail)
        return
    yield from reader(found.path, found.doc_id, settings)


def suffix_of(path: Path) -> str:
    """The extension that picks the reader: the last two for a compressed file (`.warc.gz`)."""
    last_two = "".join(path.suffixes[-2:]).lower()
    return last_two if path.suffix.lower() == ".gz" else path.suffix.lower()
