"""The ledger corpus (tests/fixtures/ledger_*): totals known by construction.

The same deal in several articles and currencies, running totals and their parts, a
revised figure, a republished wire story, a trap of equal sums for different things. The
expected answer (ledger_expected.json) was computed by hand in original currencies; this
test converts it with ECB rates it reads from the currencyconverter data itself, not
through coprod's code, and compares coprod's scoreboard with it.

The ledger is built twice: from the hand-labelled gold facts (testing reconciliation
alone), and by coprod's own extractor from the articles (testing the whole flow).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from currency_converter import CurrencyConverter, RateNotFoundError

from coprod.extract import extract_facts
from coprod.model import Document, Fact, fact_from_dict
from coprod.pipeline import ingest_items
from coprod.store import Store
from coprod.views.programmes import danish_model, pipeline
from coprod.views.scoreboard import build_scoreboard

FIXTURES = Path(__file__).parent.parent / "fixtures"
ECB = CurrencyConverter()


def _documents() -> list[Document]:
    lines = (FIXTURES / "ledger_docs.jsonl").read_text(encoding="utf-8").splitlines()
    fields = ("id", "text", "url", "title", "date", "lang", "kind")
    return [Document(**{k: json.loads(line).get(k) for k in fields}) for line in lines]


def _gold_extractor() -> Callable[[Document], list[Fact]]:
    gold = {}
    for line in (FIXTURES / "ledger_gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold[record["id"]] = record["facts"]

    def extract(doc: Document) -> list[Fact]:
        out = []
        for data in gold[doc.id]:
            start = doc.text.index(data["evidence"])
            out.append(
                fact_from_dict(data | {"start": start, "end": start + len(data["evidence"])})
            )
        return out

    return extract


EXPECTED: dict[str, Any] = json.loads((FIXTURES / "ledger_expected.json").read_text())


def ecb(amount: float, currency: str, day: str, to: str) -> float:
    """`amount` in `to` at the ECB rate of `day`, or of the last ECB day before it."""
    when = date.fromisoformat(day)
    for back in range(8):
        try:
            return float(ECB.convert(amount, currency, to, date=when - timedelta(days=back)))
        except RateNotFoundError:
            continue
    raise AssertionError(f"no ECB rate near {day}")


@pytest.fixture(scope="module", params=["gold", "extractor"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    extract = _gold_extractor() if request.param == "gold" else extract_facts
    path = tmp_path_factory.mktemp(request.param) / "ledger.db"
    with Store.open(str(path)) as opened:
        ingest_items(_documents(), opened, extract=extract)
        yield opened


def test_each_partner_totals_equal_the_hand_computed_ones(store: Store) -> None:
    built = build_scoreboard(store)
    board = {row.partner: row for row in built.rows}
    assert "UKR" not in board  # Ukraine's own spending is shown apart
    for partner, expected in EXPECTED["partners"].items():
        row = built.ukraine if partner == "UKR" else board[partner]
        assert row is not None
        counted = expected["counted"]
        eur = sum(ecb(c["amount"], c["currency"], c["date"], "EUR") for c in counted)
        usd = sum(ecb(c["amount"], c["currency"], c["date"], "USD") for c in counted)
        assert row.eur == pytest.approx(eur, rel=1e-9), partner
        assert row.usd == pytest.approx(usd, rel=1e-9), partner
        joint = sum(ecb(j["amount"], j["currency"], j["date"], "EUR") for j in expected["joint"])
        assert row.joint_eur == pytest.approx(joint, rel=1e-9), partner
        unconverted = [(u.amount, u.currency) for u in row.unconverted]
        assert unconverted == [(u["amount"], u["currency"]) for u in expected["unconverted"]]
        assert row.conflicts == expected["conflicts"], partner


def test_each_partner_has_its_distinct_entries(store: Store) -> None:
    entries = store.entries("commitment")
    for partner, expected in EXPECTED["partners"].items():
        mine = [e for e in entries if e["funder"] == [partner]]
        assert len(mine) == expected["entries"], partner


def test_every_counted_entry_carries_all_its_reports(store: Store) -> None:
    by_date = {d.id: d for d in _documents()}
    evidence = store.evidence()
    for expected in EXPECTED["partners"].values():
        for counted in expected["counted"]:
            urls = {by_date[doc].url for doc in counted["docs"]}
            keys = {f["entry_key"] for f in evidence if f["document_url"] in urls}
            assert len(keys) >= 1
            shared = [
                k
                for k in keys
                if {f["document_url"] for f in evidence if f["entry_key"] == k} >= urls
            ]
            assert shared, counted["why"]


def test_agreements_become_timelines_of_their_stages(store: Store) -> None:
    entries = store.entries("agreement")
    for expected in EXPECTED["agreements"]:
        found = [
            e
            for e in entries
            if e["parties"] == expected["parties"] and e["kind"] == expected["kind"]
        ]
        assert len(found) == 1, expected
        entry = found[0]
        assert (entry["stage"], entry["host"]) == (expected["stage"], expected["host"])
        assert len(store.evidence(entry["key"])) == expected["steps"]


def test_gdp_pledges_and_targets_are_one_entry_each(store: Store) -> None:
    pledges = store.entries("gdp_pledge")
    for expected in EXPECTED["gdp_pledges"]:
        found = [e for e in pledges if e["funder"] == expected["funder"]]
        assert len(found) == 1
        assert found[0]["share_pct"] == expected["share_pct"]
        assert found[0]["n_documents"] == len(expected["docs"])
    targets = store.entries("target")
    assert len(targets) == len(EXPECTED["targets"])


def test_danish_model_money_is_set_against_the_goal_of_its_year(store: Store) -> None:
    years = {y.year: y for y in danish_model(store.entries())}
    target = EXPECTED["targets"][0]
    assert years[target["year"]].goal_usd == target["value"]
    assert years[target["year"]].usd > 0


def test_the_pipeline_counts_coproduction_by_stage_and_host(store: Store) -> None:
    cells = {(c.stage, c.host): len(c.entries) for c in pipeline(store.entries())}
    expected: dict[tuple[str, str], int] = {}
    for agreement in EXPECTED["agreements"]:
        if agreement["kind"] == "coproduction":
            key = (agreement["stage"], agreement["host"])
            expected[key] = expected.get(key, 0) + 1
    assert cells == expected
