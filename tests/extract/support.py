"""Helpers shared by the extractor tests: run `extract_facts` on a short article of our own."""

from __future__ import annotations

from typing import TypeVar

from hypothesis import settings

from coprod.extract import extract_facts
from coprod.model import Document, Fact

F = TypeVar("F", bound=Fact)

# Publication date used when a test does not care about dates (a Friday).
PUB = "2025-06-20"
# Hypothesis budget for the extractor tests: the whole package must run in well under 30 s.
QUICK = settings(max_examples=60, deadline=None)


def doc(text: str, date: str | None = PUB) -> Document:
    return Document(id="t", text=text, date=date)


def facts_of(kind: type[F], text: str, date: str | None = PUB) -> list[F]:
    """The facts of one type that `extract_facts` finds in `text`."""
    return [f for f in extract_facts(doc(text, date)) if isinstance(f, kind)]


def only(kind: type[F], text: str, date: str | None = PUB) -> F:
    """The single fact of one type in `text`; fails when there are none or several."""
    found = facts_of(kind, text, date)
    assert len(found) == 1, [f.to_dict() for f in found]
    return found[0]
