"""`coprod db copy`: a whole ledger moved between SQLite and PostgreSQL, ids kept, and
the copy goes on working (new ids never collide with copied ones)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from coprod.model import Decision
from coprod.pipeline import ingest_items, ingest_paths
from coprod.settings import Settings
from coprod.store import Store, to_url
from coprod.store.copy import copy_ledger
from coprod.store.tables import metadata
from coprod.views.cli import app
from tests.samples import DOCUMENTS
from tests.store.conftest import ledger_on

LEDGER_DOCS = Path(__file__).parents[1] / "fixtures" / "ledger_docs.jsonl"
DIRECTIONS = [("sqlite", "postgresql"), ("postgresql", "sqlite")]


@pytest.fixture(params=DIRECTIONS, ids=["sqlite-to-postgresql", "postgresql-to-sqlite"])
def ends(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    source, target = request.param
    (tmp_path / "src").mkdir()
    (tmp_path / "dst").mkdir()
    with (
        ledger_on(source, tmp_path / "src") as src,
        ledger_on(target, tmp_path / "dst") as dst,
    ):
        yield src, dst


def filled(db: str) -> None:
    """A ledger with something in every kind of table: runs, documents, sightings, facts,
    skips, entries, a decision, a user, a fetch state."""
    with Store.open(db) as store:
        ingest_paths([LEDGER_DOCS], store, Settings(db=db))
        fact = store.reconcile_rows()[0]
        decision = Decision("confirm", [fact["fact_key"]], by="ana", why="checked")
        store.add_decision(decision, expected=(fact["id"], 0))
        store.add_user("ana", "editor", "a" * 64)


def table_rows(db: str) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows in key order, times as aware UTC."""
    engine = sa.create_engine(to_url(db))
    with engine.connect() as connection:
        found = {
            t.name: [
                {k: _utc(v) for k, v in row.items()}
                for row in connection.execute(
                    sa.select(t).order_by(*t.primary_key.columns)
                ).mappings()
            ]
            for t in metadata.sorted_tables
        }
    engine.dispose()
    return found


def _utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def test_a_copy_holds_every_row_of_every_table(ends: tuple[str, str]) -> None:
    src, dst = ends
    filled(src)
    copied = copy_ledger(src, dst)
    before, after = table_rows(src), table_rows(dst)
    assert copied == {name: len(rows) for name, rows in before.items()}
    for name in ("runs", "documents", "sightings", "facts", "entries", "decisions", "users"):
        assert before[name], f"the source has no {name}: the test proves nothing for them"
    for name, rows in before.items():
        assert after[name] == rows, name


def test_the_copy_goes_on_taking_ingests_and_reviews_with_fresh_ids(
    ends: tuple[str, str],
) -> None:
    src, dst = ends
    filled(src)
    result = CliRunner().invoke(app, ["db", "copy", src, dst, "--json"])
    assert result.exit_code == 0, result.output
    old = table_rows(dst)
    with Store.open(dst) as store:
        report = ingest_items(DOCUMENTS, store, settings=Settings(db=dst))
        assert report.run_id == max(r["id"] for r in old["runs"]) + 1
        assert report.new == len(DOCUMENTS)
        new_fact = max(store.reconcile_rows(), key=lambda f: f["id"])
        assert new_fact["id"] > max(f["id"] for f in old["facts"])
        decision = Decision("reject", [new_fact["fact_key"]], by="bo", why="misread")
        decision_id = store.add_decision(decision, expected=(new_fact["id"], 0))
        assert decision_id == max(d["id"] for d in old["decisions"]) + 1
        assert store.add_user("bo", "editor", "b" * 64) == max(u["id"] for u in old["users"]) + 1
    new = table_rows(dst)
    assert len(new["sightings"]) > len(old["sightings"])
    for name in ("documents", "facts", "decisions", "users"):
        assert all(row in new[name] for row in old[name]), name


def test_a_destination_holding_documents_is_refused(ends: tuple[str, str]) -> None:
    src, dst = ends
    filled(src)
    with Store.open(dst) as store:
        store.add_document(DOCUMENTS[0])
    result = CliRunner().invoke(app, ["db", "copy", src, dst])
    assert result.exit_code == 2
    assert "already holds 1 documents" in result.output
    assert len(table_rows(dst)["documents"]) == 1
