"""The reconciled tables on both backends: entries replaced whole, decisions appended,
GDP upserted; the same ledger on SQLite and PostgreSQL gives the same entries."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coprod.model import Decision, Document
from coprod.pipeline import ingest_items
from coprod.reconcile import reconcile_store
from coprod.store import Store
from coprod.views.scoreboard import build_scoreboard

LEDGER_DOCS = Path(__file__).parents[1] / "fixtures" / "ledger_docs.jsonl"


def _documents() -> list[Document]:
    fields = ("id", "text", "url", "title", "date", "lang", "kind")
    lines = LEDGER_DOCS.read_text(encoding="utf-8").splitlines()
    return [Document(**{k: json.loads(line).get(k) for k in fields}) for line in lines]


def _shape(entries: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (e["key"], e["type"], e["amount"], e["currency"], e["counted"], e["superseded_by"])
        for e in entries
    )


def test_entries_decisions_and_gdp_round_trip(ledger_url: str, tmp_path: Path) -> None:
    with Store.open(ledger_url) as store:
        ingest_items(_documents(), store)
        first = store.entries()
        assert len(first) == 19
        assert len(store.evidence()) == len(store.facts(all_copies=True))  # every fact, once
        reconcile_store(store)
        assert _shape(store.entries()) == _shape(first)  # replaced whole, the same again
        keys = [e_["representative"] for e_ in first[:2]]
        made = store.add_decision(Decision("merge", keys, "ana", "one deal"))
        log = store.decisions()
        assert [(d.id, d.action, d.fact_keys, d.by, d.why) for d in log] == [
            (made, "merge", keys, "ana", "one deal")
        ]
        assert log[0].at is not None and log[0].at <= datetime.now(UTC)
        store.load_gdp([{"iso3": "NLD", "year": 2025, "gdp_usd": 1e12, "source": "a"}])
        store.load_gdp([{"iso3": "NLD", "year": 2025, "gdp_usd": 2e12, "source": "b"}])
        assert [(r["iso3"], r["gdp_usd"], r["source"]) for r in store.gdp_rows()] == [
            ("NLD", 2e12, "b")
        ]
        nld = next(r for r in build_scoreboard(store).rows if r.partner == "NLD")
        assert nld.gdp_usd == 2e12


def test_sqlite_and_postgresql_reconcile_alike(shared_ledger_url: str, tmp_path: Path) -> None:
    with Store.open(shared_ledger_url) as store:
        if not store.entries():
            ingest_items(_documents(), store)
        here = _shape(store.entries())
    with Store.open(str(tmp_path / "reference.db")) as reference:
        ingest_items(_documents(), reference)
        assert here == _shape(reference.entries())
