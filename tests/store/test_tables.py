"""Every field of the model has a column: the tables can hold any fact or document."""

from __future__ import annotations

from dataclasses import fields

from coprod.model import FACT_CLASSES, Document
from coprod.store.tables import documents, facts


def test_every_fact_field_has_a_column() -> None:
    names = {f.name for cls in FACT_CLASSES.values() for f in fields(cls)}
    assert names <= set(facts.c.keys())


def test_every_document_field_has_a_column() -> None:
    assert {f.name for f in fields(Document)} <= set(documents.c.keys())


def test_fact_key_is_unique_and_documents_are_keyed_by_content_hash() -> None:
    assert facts.c.fact_key.unique
    assert [c.name for c in documents.primary_key] == ["sha256"]
