"""Extraction: from a document's text to facts with evidence (GUIDELINE.md).

The flow inside: split sentences and find mentions once (`context`), then each builder
reads that context and returns facts of one type. Builders never touch the store.
"""

from __future__ import annotations

from coprod.extract.agreements import find_agreements
from coprod.extract.commitments import find_commitments
from coprod.extract.context import build_context
from coprod.extract.targets import find_targets
from coprod.model import Document, Fact


def extract_facts(doc: Document) -> list[Fact]:
    """All facts stated in `doc`, in order of their evidence. Pure: no I/O."""
    ctx = build_context(doc)
    facts: list[Fact] = []
    facts.extend(find_commitments(ctx))
    facts.extend(find_agreements(ctx))
    targets, pledges = find_targets(ctx)
    facts.extend(targets)
    facts.extend(pledges)
    return sorted(facts, key=lambda f: f.start)


__all__ = ["extract_facts"]
