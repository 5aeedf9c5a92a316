"""Extraction: from a document's text to facts with evidence (GUIDELINE.md)."""

from __future__ import annotations

from coprod.model import Document, Fact


def extract_facts(doc: Document) -> list[Fact]:
    """All facts stated in `doc`, in order of their evidence. Pure: no I/O."""
    return []


__all__ = ["extract_facts"]
