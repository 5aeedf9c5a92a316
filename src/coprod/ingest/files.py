"""Finding input files and loading one whole file as text, or saying why not.

Folders are walked depth first in name order, so runs see files in a stable order.
Hidden entries (`.git`, `.DS_Store`) are not inputs and are passed over; symbolic
links to folders are not followed, so a link loop cannot trap the walk.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coprod.ingest import reasons
from coprod.ingest.decode import decode, has_nul, normalise, too_many_controls
from coprod.model import Skipped


@dataclass(frozen=True)
class Found:
    """A file to read, and the id its document gets: its path relative to the root."""

    path: Path
    doc_id: str


def find_files(root: Path) -> Iterator[Found | Skipped]:
    """Every file under `root` (or `root` itself), or a Skipped for what cannot be read."""
    if not root.exists():
        yield Skipped(str(root), reasons.NOT_FOUND, "no such file or folder")
    elif root.is_dir():
        yield from _walk(root, root)
    elif root.is_file():
        yield Found(root, root.name)
    else:
        yield Skipped(str(root), reasons.UNSUPPORTED, "not a regular file or folder")


def _walk(folder: Path, root: Path) -> Iterator[Found | Skipped]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        yield Skipped(str(folder), reasons.UNREADABLE, f"cannot list folder: {err.strerror}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, root)
        elif entry.is_file():
            yield Found(path, path.relative_to(root).as_posix())
        else:
            detail = "link to a folder (not followed), broken link, or special file"
            yield Skipped(str(path), reasons.UNSUPPORTED, detail)


def load_text(path: Path, max_bytes: int) -> str | Skipped:
    """The file's normalised text, checked for size (by stat, before reading) and content."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Skipped(source, reasons.TOO_LARGE, _too_large(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as err:
        return Skipped(source, reasons.UNREADABLE, f"cannot read: {err.strerror}")
    if len(data) > max_bytes:
        return Skipped(source, reasons.TOO_LARGE, _too_large(len(data), max_bytes))
    return text_or_skip(data, source)


def text_or_skip(data: bytes, source: str) -> str | Skipped:
    """Decoded, normalised text, or a Skipped when the bytes are binary or blank."""
    if has_nul(data):
        return Skipped(source, reasons.BINARY, "contains NUL bytes: not a text file")
    text = normalise(decode(data).text)
    if too_many_controls(text):
        return Skipped(source, reasons.BINARY, "mostly control characters: not a text file")
    if not text.strip():
        return Skipped(source, reasons.EMPTY, "empty or whitespace only")
    return text


def _too_large(size: int, limit: int) -> str:
    return f"{size:,} bytes, over the limit of {limit:,} (max_doc_bytes)"
