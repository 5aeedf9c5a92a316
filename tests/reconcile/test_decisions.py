"""Analysts' decisions (coprod.reconcile.decisions and review): they survive every re-run,
a later verdict replaces an earlier one, and a decision that makes no sense is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod.errors import InputError
from coprod.model import Decision
from coprod.reconcile import reconcile, reconcile_store
from coprod.reconcile.decisions import parse_fields
from coprod.reconcile.review import MIN_KEY_PREFIX, record
from coprod.store import Store
from coprod.views.scoreboard import build_scoreboard
from tests.reconcile.rows import Article, agreement, article, build, commitment, ingest, rows_of

ARTICLES: list[Article] = [
    article("2025-03-01", commitment(20_000_000, funder=("DNK",))),
    article("2025-03-10", commitment(20_000_000, funder=("DNK",))),
    article("2025-03-01", commitment(10_000_000, funder=("NOR",), categories=["drones"])),
    article("2025-03-04", commitment(12_000_000, funder=("NOR",), categories=["drones"])),
    article("2025-01-01", commitment(5_000_000, funder=("SWE",), mechanism="fund")),
    article("2025-09-01", commitment(5_000_000, funder=("SWE",), mechanism="fund")),
    article("2025-04-01", commitment(8_000_000, funder=("FIN",))),
    article("2025-04-02", commitment(3_000_000, funder=("POL",), status="planned")),
    article("2025-04-03", agreement(parties=("LTU", "UKR"))),
]
LATER: list[Article] = [
    article("2025-03-15", commitment(20_000_000, funder=("DNK",))),
    article("2025-03-05", commitment(11_000_000, funder=("NOR",), categories=["drones"])),
    article("2025-04-20", commitment(8_000_000, funder=("FIN",))),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with build(tmp_path / "ledger.db", *ARTICLES) as opened:
        yield opened


def fact_id(store: Store, funder: str, amount: float, day: str) -> str:
    """The id of the fact `funder` gives `amount` in a report of `day`."""
    (found,) = [
        r["id"]
        for r in store.reconcile_rows()
        if r["funder"] == [funder] and r["amount"] == amount and r["document_date"] == day
    ]
    return str(found)


def entry_of(store: Store, funder: str) -> list[dict[str, Any]]:
    return [e for e in store.entries("commitment") if e["funder"] == [funder]]


def _decide_everything(store: Store) -> None:
    record(store, "confirm", [fact_id(store, "NOR", 10_000_000, "2025-03-01")], why="MoD", by="ana")
    record(
        store,
        "correct",
        [fact_id(store, "POL", 3_000_000, "2025-04-02")],
        why="the release says four",
        by="bo",
        fields=parse_fields(["amount=4_000_000", "status=pledged"]),
    )
    record(store, "reject", [fact_id(store, "FIN", 8_000_000, "2025-04-01")], why="op-ed", by="ana")
    record(
        store,
        "merge",
        [
            fact_id(store, "SWE", 5_000_000, "2025-01-01"),
            fact_id(store, "SWE", 5_000_000, "2025-09-01"),
        ],
        why="one PURL package",
        by="ana",
    )
    record(
        store,
        "split",
        [fact_id(store, "DNK", 20_000_000, "2025-03-10")],
        why="a second tranche",
        by="bo",
    )


def _assert_decisions_apply(store: Store) -> None:
    (nor,) = entry_of(store, "NOR")
    assert (nor["amount"], nor["conflict"], nor["decided"]) == (10_000_000, None, True)
    (pol,) = entry_of(store, "POL")
    assert (pol["amount"], pol["status"], pol["decided"], pol["counted"]) == (
        4_000_000,
        "pledged",
        True,
        True,
    )
    fin = entry_of(store, "FIN")
    assert all(e["first_reported"] != "2025-04-01" for e in fin)
    (swe,) = entry_of(store, "SWE")
    assert swe["n_documents"] == 2
    dnk = entry_of(store, "DNK")
    alone = [e for e in dnk if e["first_reported"] == "2025-03-10"]
    assert len(alone) == 1 and alone[0]["n_documents"] == 1


def test_each_decision_changes_the_ledger_at_once(store: Store) -> None:
    assert entry_of(store, "NOR")[0]["conflict"] is not None
    assert len(entry_of(store, "SWE")) == 2
    assert len(entry_of(store, "DNK")) == 1
    _decide_everything(store)
    _assert_decisions_apply(store)
    pol_fact = next(f for f in store.facts() if f["funder"] == ["POL"])
    assert pol_fact["amount"] == 3_000_000  # the stored fact keeps the text's figure


def test_decisions_survive_ingesting_again_and_anew(store: Store) -> None:
    _decide_everything(store)
    log = store.decisions()
    ingest(store, *ARTICLES)  # the same files again: known, nothing re-extracted
    ingest(store, *LATER)
    reconcile_store(store)
    _assert_decisions_apply(store)
    assert store.decisions() == log
    dnk = {e["first_reported"]: e for e in entry_of(store, "DNK")}
    assert dnk["2025-03-01"]["n_documents"] == 2  # the new report joins, the split one stays out
    (nor,) = entry_of(store, "NOR")
    assert nor["n_documents"] == 3 and nor["amount"] == 10_000_000 and nor["conflict"] is None
    fin = entry_of(store, "FIN")
    assert [e["first_reported"] for e in fin] == ["2025-04-20"]  # the new report, not the rejected


def test_the_audit_log_is_append_only_with_who_when_and_why(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _decide_everything(store)
    before = store.decisions()
    monkeypatch.setenv("COPROD_USER", "carla")
    decision, summary = record(
        store, "confirm", [fact_id(store, "DNK", 20_000_000, "2025-03-01")], why="  checked  "
    )
    log = store.decisions()
    assert [d.id for d in log] == sorted(d.id for d in log)
    assert len({d.id for d in log}) == 6
    assert [d.action for d in log] == ["confirm", "correct", "reject", "merge", "split", "confirm"]
    assert [d.by for d in log] == ["ana", "bo", "ana", "ana", "bo", "carla"]
    assert all(d.at is not None and d.why for d in log)
    assert log[1].fields == {"amount": 4_000_000.0, "status": "pledged"}
    assert (decision.id, decision.by, decision.why) == (log[-1].id, "carla", "checked")
    assert summary.decisions == 6
    assert log[:5] == before


def test_a_later_verdict_replaces_an_earlier_one(store: Store) -> None:
    fin = fact_id(store, "FIN", 8_000_000, "2025-04-01")
    record(store, "reject", [fin], why="op-ed", by="ana")
    assert entry_of(store, "FIN") == []
    record(store, "confirm", [fin], why="it was the minister", by="bo")
    (entry,) = entry_of(store, "FIN")
    assert entry["decided"] and entry["counted"]
    record(store, "reject", [fin], why="retracted", by="ana")
    assert entry_of(store, "FIN") == []


def test_a_confirmation_after_a_correction_shows_the_corrected_fact(store: Store) -> None:
    pol = fact_id(store, "POL", 3_000_000, "2025-04-02")
    record(store, "correct", [pol], why="four", by="ana", fields={"amount": 4_000_000.0})
    record(store, "confirm", [pol], why="checked", by="bo")
    (entry,) = entry_of(store, "POL")
    assert entry["amount"] == 4_000_000


def test_a_split_after_a_merge_undoes_the_merge_and_a_merge_after_it_holds(store: Store) -> None:
    first = fact_id(store, "SWE", 5_000_000, "2025-01-01")
    second = fact_id(store, "SWE", 5_000_000, "2025-09-01")
    record(store, "merge", [first, second], why="one package", by="ana")
    assert len(entry_of(store, "SWE")) == 1
    record(store, "split", [second], why="no: two packages", by="bo")
    assert len(entry_of(store, "SWE")) == 2
    record(store, "merge", [first, second], why="yes: one after all", by="ana")
    assert len(entry_of(store, "SWE")) == 1


def test_a_split_fact_is_never_joined_by_the_rules_again(store: Store) -> None:
    second = fact_id(store, "DNK", 20_000_000, "2025-03-10")
    record(store, "split", [second], why="a second tranche", by="bo")
    ingest(store, article("2025-03-11", commitment(20_000_000, funder=("DNK",))))
    sizes = sorted(e["n_documents"] for e in entry_of(store, "DNK"))
    assert sizes == [1, 2]


def test_an_entry_key_prefix_names_every_fact_of_the_entry(store: Store) -> None:
    (swe_a, swe_b) = entry_of(store, "SWE")
    (dnk,) = entry_of(store, "DNK")
    decision, _ = record(
        store, "merge", [dnk["key"][:MIN_KEY_PREFIX], swe_a["key"], swe_b["key"]], why="x", by="a"
    )
    assert len(decision.fact_keys) == 4
    assert len(store.entries("commitment")) == 4  # DNK+SWE, NOR, FIN, POL


def _ref(store: Store, funder: str) -> str:
    return str(next(r["id"] for r in store.reconcile_rows() if r["funder"] == [funder]))


@pytest.mark.parametrize(
    ("action", "refs", "fields", "message"),
    [
        ("correct", ["POL"], {"foo": 1}, "no correctable field 'foo'"),
        ("correct", ["POL"], {"status": "given"}, "status must be one of"),
        ("correct", ["POL"], {"mechanism": "gift"}, "mechanism must be one of"),
        ("correct", ["POL"], None, "correct needs at least one field"),
        ("correct", ["agreement"], {"amount": 5.0}, "a agreement has no correctable field"),
        ("merge", ["POL"], None, "merge needs two facts or more"),
        ("merge", ["POL", "agreement"], None, "cannot merge facts of different types"),
        ("confirm", ["POL", "FIN"], None, "confirm takes one fact"),
        ("vanish", ["POL"], None, "unknown action"),
    ],
)
def test_a_decision_that_makes_no_sense_is_refused(
    store: Store, action: str, refs: list[str], fields: dict[str, Any] | None, message: str
) -> None:
    ids = [
        str(next(r["id"] for r in store.reconcile_rows() if r["type"] == "agreement"))
        if ref == "agreement"
        else _ref(store, ref)
        for ref in refs
    ]
    with pytest.raises(InputError, match=message):
        record(store, action, ids, why="because", by="ana", fields=fields)
    assert store.decisions() == []


@pytest.mark.parametrize(
    ("refs", "why", "message"),
    [
        (["999"], "because", "no fact with id 999"),
        (["abc12"], "because", "neither a fact id nor an entry key"),
        (["zzzzzzzz"], "because", "neither a fact id nor an entry key"),
        (["ffffffffff"], "because", "no single ledger entry"),
        (["1"], "   ", "say why"),
    ],
)
def test_a_decision_naming_nothing_or_without_a_reason_is_refused(
    store: Store, refs: list[str], why: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        record(store, "reject", refs, why=why, by="ana")
    assert store.decisions() == []


def test_fields_from_the_command_line_are_typed_as_facts_are() -> None:
    parsed = parse_fields(
        [
            "funder=nor, dnk",
            "amount=20_000_000",
            "currency=eur",
            "cumulative=yes",
            "year=2025",
            "host=none",
            "categories=drones,artillery",
            "companies=",
            "date=2025-07",
        ]
    )
    assert parsed == {
        "funder": ["DNK", "NOR"],
        "amount": 20_000_000.0,
        "currency": "EUR",
        "cumulative": True,
        "year": 2025,
        "host": None,
        "categories": ["drones", "artillery"],
        "companies": [],
        "date": "2025-07",
    }


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("amount", "expected name=value"),
        ("amount=lots", "amount"),
        ("amount=-5", "not a positive number"),
        ("amount=nan", "not a positive number"),
        ("currency=euro", "not an ISO 4217 code"),
        ("categories=lasers", "unknown categories"),
        ("cumulative=maybe", "not true or false"),
        ("year=25", "not a plausible year"),
        ("date=July", "not YYYY"),
        ("funder=DNK,d!", "not a country or organisation code"),
    ],
)
def test_bad_field_values_are_refused(pair: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_fields([pair])


def test_a_corrected_figure_becomes_its_entrys_figure(tmp_path: Path) -> None:
    with build(
        tmp_path / "ledger.db",
        article("2025-03-03", commitment(20_000_000)),
        article("2025-03-10", commitment(20_000_000)),
    ) as store:
        (entry,) = store.entries()
        later = max(store.reconcile_rows(), key=lambda r: r["document_date"])
        record(
            store,
            "correct",
            [str(later["id"])],
            why="25 in the release",
            by="ana",
            fields={"amount": 25_000_000.0},
        )
        # got: two entries, EUR 20,000,000 and EUR 25,000,000; DNK counted at 45 million
        (after,) = store.entries()
        assert after["key"] == entry["key"] and after["amount"] == 25_000_000
        assert build_scoreboard(store).rows[0].eur == pytest.approx(25_000_000)


def test_a_split_takes_only_its_fact_out_of_a_merge(tmp_path: Path) -> None:
    rows = rows_of(
        tmp_path,
        article("2024-01-10", commitment(5_000_000, mechanism="fund")),
        article("2024-09-10", commitment(5_000_000, mechanism="fund")),
        article("2025-06-10", commitment(5_000_000, mechanism="fund")),
    )
    a, b, c = (r["fact_key"] for r in rows)
    assert len(reconcile(rows, [])) == 3  # too far apart for the rules
    decisions = [
        Decision("merge", [a, b, c], "ana", "one programme", id=1),
        Decision("split", [c], "bo", "a new programme", id=2),
    ]
    # got: [1, 1, 1] - a and b lost their merge too
    assert sorted(len(e.members) for e in reconcile(rows, decisions)) == [1, 2]
