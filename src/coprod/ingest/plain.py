"""Plain-text files: the whole file is the text; a short first line is its title.

A text file states no date, URL or language, so those stay unknown (None).
"""

from __future__ import annotations

from pathlib import Path

from coprod.ingest.files import load_text
from coprod.model import Document, Skipped
from coprod.settings import Settings

MAX_TITLE_CHARS = 200  # a longer first line is a paragraph, not a headline


def read_plain(path: Path, doc_id: str, settings: Settings) -> Document | Skipped:
    """One `.txt` file as a Document, or a Skipped saying why not."""
    text = load_text(path, settings.max_doc_bytes)
    if isinstance(text, Skipped):
        return text
    return Document(id=doc_id, text=text, title=title_of(text), source=str(path))


def title_of(text: str) -> str | None:
    """The first non-empty line, stripped, when short enough to be a headline."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return first if 0 < len(first) <= MAX_TITLE_CHARS else None
