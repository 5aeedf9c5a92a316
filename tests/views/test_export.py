"""CSV and JSON exports parse back to the facts they were made from."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.model import Document, Target
from coprod.store import FACT_ROW_KEYS, Store
from coprod.views.export import facts_csv, facts_json
from tests.samples import filled_store


def test_csv_has_a_header_and_one_row_per_fact(tmp_path: Path) -> None:
    with filled_store(tmp_path / "ledger.db") as store:
        rows = store.facts()
    parsed = list(csv.DictReader(io.StringIO(facts_csv(rows))))
    assert len(parsed) == 5
    assert tuple(parsed[0]) == FACT_ROW_KEYS
    lithuania = [p for p in parsed if p["document_id"] == "lt-1" and p["type"] == "commitment"]
    assert json.loads(lithuania[0]["alt"]) == [[21_000_000, "USD"]]
    assert (lithuania[0]["cumulative"], lithuania[0]["host"]) == ("false", "")
    assert float(lithuania[0]["amount"]) == 20_000_000


def test_an_empty_csv_still_names_its_columns() -> None:
    assert facts_csv([]).splitlines() == [",".join(FACT_ROW_KEYS)]


def test_json_parses_back_to_the_rows(tmp_path: Path) -> None:
    with filled_store(tmp_path / "ledger.db") as store:
        rows = store.facts()
    assert json.loads(facts_json(rows)) == json.loads(json.dumps(rows))
    assert json.loads(facts_json([])) == []


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(str(tmp_path_factory.mktemp("export") / "ledger.db"))
    yield store
    store.close()


free_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"))


@settings(max_examples=100, deadline=None)
@given(evidence=free_text, title=free_text)
def test_any_text_survives_a_csv_round_trip(shared_store: Store, evidence: str, title: str) -> None:
    doc = Document(id="csv", text=uuid.uuid4().hex, title=title or None)
    fact = Target(subject="UKR", metric="projects", value=21, evidence=evidence, start=0, end=1)
    shared_store.add_document(doc)
    shared_store.add_facts(doc.sha256, [fact])
    rows = [row for row in shared_store.facts() if row["document_sha"] == doc.sha256]
    parsed = list(csv.DictReader(io.StringIO(facts_csv(rows), newline="")))
    assert [(p["evidence"], p["document_title"]) for p in parsed] == [(evidence, title)]
