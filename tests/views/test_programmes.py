"""Programmes: Danish-model money against Ukraine's goal per year, the co-production
pipeline, and the timeline of dated, sourced steps, on the ledger corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coprod.model import Document
from coprod.pipeline import ingest_items
from coprod.store import Store
from coprod.views.programmes import danish_model, pipeline, timeline

LEDGER_DOCS = Path(__file__).parents[1] / "fixtures" / "ledger_docs.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    fields = ("id", "text", "url", "title", "date", "lang", "kind")
    lines = LEDGER_DOCS.read_text(encoding="utf-8").splitlines()
    docs = [Document(**{k: json.loads(line).get(k) for k in fields}) for line in lines]
    with Store.open(str(tmp_path_factory.mktemp("programmes") / "ledger.db")) as opened:
        ingest_items(docs, opened)
        yield opened


def test_danish_model_sums_counted_ukrainian_industry_money_per_year(store: Store) -> None:
    entries = store.entries()
    expected = sum(
        e["usd"]
        for e in entries
        if e["type"] == "commitment"
        and e["counted"]
        and e["mechanism"] == "ukrainian_industry"
        and e["usd"] is not None
    )
    years = danish_model(entries)
    assert [y.year for y in years] == [2025]
    (year,) = years
    assert year.usd == pytest.approx(expected)
    assert year.goal_usd == 6_000_000_000
    assert year.goal_pct == pytest.approx(100 * expected / 6_000_000_000)
    goal = next(e for e in entries if e["key"] == year.goal_key)
    assert (goal["type"], goal["metric"]) == ("target", "funding")


def test_a_year_with_money_but_no_goal_has_no_share(store: Store) -> None:
    entries = [e for e in store.entries() if e["type"] != "target"]
    (year,) = danish_model(entries)
    assert (year.goal_usd, year.goal_key, year.goal_pct) == (None, None, None)


def test_the_pipeline_orders_stages_and_names_each_entry(store: Store) -> None:
    cells = pipeline(store.entries())
    assert [(c.stage, c.host) for c in cells] == [("signed", "UKR"), ("operational", "DNK")]
    keys = {e["key"] for e in store.entries("agreement")}
    assert all(set(c.entries) <= keys for c in cells)


def test_the_timeline_has_each_agreement_step_and_each_sum_once(store: Store) -> None:
    entries, evidence = store.entries(), store.evidence()
    events = timeline(entries, evidence)
    assert [e.date for e in events] == sorted(e.date for e in events)
    danish_plant = next(
        e for e in entries if e["type"] == "agreement" and e["parties"] == ["DNK", "UKR"]
    )
    steps = [e for e in events if e.entry_key == danish_plant["key"]]
    stages = [s.label.split(": ")[1] for s in steps]
    assert stages == ["planned", "preliminary", "signed", "operational"]
    assert all(s.url and s.url.startswith("https://") and s.evidence for s in steps)
    sums = [e for e in events if e.type == "commitment"]
    commitments = [e for e in entries if e["type"] == "commitment"]
    assert len(sums) == len(commitments)  # one event per entry: its chosen report
