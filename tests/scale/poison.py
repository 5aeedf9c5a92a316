"""An extractor that kills the worker process running it on one marked document: a
partition no worker survives. Module-level, so Dask ships it to workers by reference."""

from __future__ import annotations

import os

from coprod.extract import extract_facts
from coprod.model import Document, Fact

MARKER = "Quokkagate"  # a word no other document of the corpus holds


def deadly_extract(doc: Document) -> list[Fact]:
    """`extract_facts`, except that a document naming MARKER ends the process at once."""
    if MARKER in doc.text:
        os._exit(1)
    return extract_facts(doc)
