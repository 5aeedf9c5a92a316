"""Facts into entries (coprod.reconcile.entries, totals, run): agreements as timelines,
pledges and targets, running totals against their parts, and a result that does not
depend on the order the rows come in."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod.model import Decision
from coprod.reconcile import Entry, reconcile
from coprod.reconcile.currency import rate_on
from coprod.reconcile.entries import FIRST, with_conversion
from coprod.reconcile.matching import SAME_VALUE, same_commitment
from tests.reconcile.rows import (
    Article,
    agreement,
    article,
    commitment,
    members,
    of_type,
    pledge,
    rows_of,
    target,
)


def entries_of(tmp_path: Path, *articles: Article) -> list[Entry]:
    return reconcile(rows_of(tmp_path, *articles), [])


# -- agreements --------------------------------------------------------------------------


def test_reports_of_one_agreement_are_one_entry_at_its_most_advanced_stage(
    tmp_path: Path,
) -> None:
    (entry,) = entries_of(
        tmp_path,
        article("2025-01-10", agreement(stage="preliminary", date="2025-01-09")),
        article("2025-03-01", agreement(stage="signed", date="2025-02-27")),
        article("2025-04-01", agreement(stage="planned")),  # a later mention of the plan
    )
    assert len(entry.members) == 3
    assert entry.fields["stage"] == "signed"
    assert entry.fields["date"] == "2025-02-27"  # when that stage was reached
    assert entry.members[1].reason == "same parties (DNK, UKR), kind coproduction"
    assert (entry.fields["first_reported"], entry.fields["last_reported"]) == (
        "2025-01-10",
        "2025-04-01",
    )


def test_an_agreement_of_another_kind_or_partner_is_another_entry(tmp_path: Path) -> None:
    found = entries_of(
        tmp_path,
        article("2025-01-10", agreement(kind="coproduction")),
        article("2025-01-11", agreement(kind="security")),
        article("2025-01-12", agreement(parties=("NOR", "UKR"), kind="coproduction")),
    )
    assert len(found) == 3


def test_agreements_naming_different_companies_stay_apart(tmp_path: Path) -> None:
    found = entries_of(
        tmp_path,
        article("2025-01-10", agreement(companies=["Skyeton"])),
        article("2025-01-11", agreement(companies=["Ukroboronprom"])),
    )
    assert len(found) == 2


def test_a_shared_company_or_none_named_joins_agreements(tmp_path: Path) -> None:
    (entry,) = entries_of(
        tmp_path,
        article("2025-01-10", agreement(companies=["Skyeton", "Terma"])),
        article("2025-01-11", agreement(companies=["SKYETON"])),
        article("2025-01-12", agreement(companies=[])),
    )
    assert entry.members[1].reason.endswith(", company skyeton")
    assert entry.fields["companies"] == ["Skyeton", "Terma", "SKYETON"]


def test_reports_disagreeing_on_the_host_are_flagged(tmp_path: Path) -> None:
    (entry,) = entries_of(
        tmp_path,
        article("2025-01-10", agreement(host="DNK")),
        article("2025-01-11", agreement(host=None)),
        article("2025-01-12", agreement(host="UKR")),
    )
    assert entry.conflict == "host disagrees: DNK vs UKR"
    assert entry.fields["host"] == "UKR"  # the latest report's, with the conflict open


def test_an_unstated_host_is_no_conflict(tmp_path: Path) -> None:
    (entry,) = entries_of(
        tmp_path,
        article("2025-01-10", agreement(host=None)),
        article("2025-01-11", agreement(host="DNK")),
    )
    assert entry.conflict is None
    assert entry.fields["host"] == "DNK"


# -- gdp pledges and targets ----------------------------------------------------------------


def test_pledges_of_one_funder_and_period_join_and_a_share_disagreement_is_flagged(
    tmp_path: Path,
) -> None:
    found = entries_of(
        tmp_path,
        article("2025-01-10", pledge(share_pct=0.25)),
        article("2025-02-10", pledge(share_pct=0.3)),
        article("2025-02-11", pledge(share_pct=0.25, period="once")),
    )
    annual, once = sorted(found, key=lambda e: e.fields["period"])
    assert len(annual.members) == 2
    assert annual.conflict == "share_pct disagrees: 0.25 vs 0.3"
    assert len(once.members) == 1


def test_targets_join_on_the_same_goal_only(tmp_path: Path) -> None:
    found = entries_of(
        tmp_path,
        article("2025-01-10", target(1_000_000_000)),
        article("2025-06-10", target(1_000_000_000)),
        article("2025-06-11", target(1_000_000_000, year=2026)),
        article("2025-06-12", target(2_000_000_000)),
    )
    assert sorted(len(e.members) for e in found) == [1, 1, 2]


# -- commitments: status ----------------------------------------------------------------------


def test_the_status_is_the_most_advanced_reported_and_only_pledged_or_further_counts(
    tmp_path: Path,
) -> None:
    found = entries_of(
        tmp_path,
        article("2025-01-10", commitment(20_000_000, status="planned")),
        article("2025-01-20", commitment(20_000_000, status="allocated")),
        article("2025-01-30", commitment(20_000_000, status="pledged")),
        article("2025-01-10", commitment(5_000_000, funder=("NOR",), status="planned")),
    )
    dnk, nor = sorted(found, key=lambda e: e.fields["funder"])
    assert (dnk.fields["status"], dnk.counted) == ("allocated", True)
    assert (nor.fields["status"], nor.counted) == ("planned", False)


# -- running totals -----------------------------------------------------------------------------


def _by_amount(found: list[Entry]) -> dict[float, Entry]:
    return {e.fields["amount"]: e for e in of_type(found, "commitment")}


def test_the_latest_total_supersedes_earlier_parts_and_totals_and_later_parts_add(
    tmp_path: Path,
) -> None:
    found = _by_amount(
        entries_of(
            tmp_path,
            article("2025-01-10", commitment(10_000_000)),
            article("2025-02-10", commitment(15_000_000)),
            article("2025-02-20", commitment(30_000_000, cumulative=True)),
            article("2025-03-01", commitment(50_000_000, cumulative=True)),
            article("2025-04-01", commitment(5_000_000)),
        )
    )
    total = found[50_000_000]
    for part in (10_000_000, 15_000_000, 30_000_000):
        assert found[part].superseded_by == total.key
        assert not found[part].counted
    assert found[5_000_000].superseded_by is None
    assert total.superseded_by is None and total.conflict is None
    counted = sum(e.fields["eur"] for e in found.values() if e.counted)
    assert counted == pytest.approx(55_000_000)


def test_a_total_contains_only_its_own_funder_and_mechanism(tmp_path: Path) -> None:
    found = _by_amount(
        entries_of(
            tmp_path,
            article("2025-01-10", commitment(10_000_000, mechanism="procurement")),
            article("2025-01-11", commitment(11_000_000, funder=("NOR",))),
            article("2025-01-12", commitment(12_000_000, funder=("DNK", "NOR"))),
            article("2025-01-13", commitment(13_000_000)),
            article("2025-03-01", commitment(50_000_000, cumulative=True)),
        )
    )
    total_key = found[50_000_000].key
    assert found[13_000_000].superseded_by == total_key
    for other in (10_000_000, 11_000_000, 12_000_000):
        assert found[other].superseded_by is None


def test_a_total_for_a_year_contains_only_that_years_parts(tmp_path: Path) -> None:
    found = _by_amount(
        entries_of(
            tmp_path,
            article("2024-11-10", commitment(10_000_000)),  # reported in 2024
            article("2025-02-10", commitment(15_000_000)),  # reported in 2025
            article("2025-03-10", commitment(16_000_000, year=2024)),  # for 2024
            article("2025-06-01", commitment(40_000_000, cumulative=True, year=2025)),
        )
    )
    total_key = found[40_000_000].key
    assert found[15_000_000].superseded_by == total_key
    assert found[10_000_000].superseded_by is None
    assert found[16_000_000].superseded_by is None


def test_parts_adding_up_to_more_than_the_total_flag_it_and_it_still_counts(
    tmp_path: Path,
) -> None:
    found = _by_amount(
        entries_of(
            tmp_path,
            article("2025-01-10", commitment(30_000_000)),
            article("2025-02-10", commitment(31_000_000)),
            article("2025-03-01", commitment(50_000_000, cumulative=True)),
        )
    )
    total = found[50_000_000]
    assert total.conflict == (
        "the 2 sums this running total should contain add up to "
        "EUR 61,000,000, more than its EUR 50,000,000"
    )
    assert total.counted
    assert [e.fields["amount"] for e in found.values() if e.counted] == [50_000_000]


def test_parts_equal_to_the_total_are_no_conflict(tmp_path: Path) -> None:
    found = _by_amount(
        entries_of(
            tmp_path,
            article("2025-01-10", commitment(20_000_000)),
            article("2025-02-10", commitment(30_000_000)),
            article("2025-03-01", commitment(50_000_000, cumulative=True)),
        )
    )
    assert found[50_000_000].conflict is None


# -- order does not matter ---------------------------------------------------------------


def _ledger() -> list[Article]:
    """A small ledger with every kind of join: figures, revisions, totals, agreements."""
    return [
        article("2025-01-10", commitment(10_000_000), agreement(stage="preliminary")),
        article("2025-01-10", commitment(10_000_000, alt=[(10_900_000, "USD")])),
        article("2025-01-12", commitment(20_000_000, categories=["drones"])),
        article("2025-01-15", commitment(24_000_000, categories=["drones"])),
        article("2025-02-01", commitment(60_000_000, cumulative=True), agreement(host="DNK")),
        article(None, commitment(7_000_000, "UAH", funder=("UKR",))),
        article("2025-02-03", commitment(7_000_000, "UAH", funder=("UKR",)), pledge()),
        article("2025-03-01", commitment(5_000_000, funder=("DNK", "NOR")), target()),
        article("2025-03-01", agreement(stage="signed", host="UKR"), pledge(share_pct=0.3)),
        article("2025-03-02", commitment(5_000_000, funder=("NOR", "DNK"))),
    ]


@pytest.fixture(scope="module")
def ledger_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return rows_of(tmp_path_factory.mktemp("order"), *_ledger())


def _decisions(rows: list[dict[str, Any]]) -> list[Decision]:
    keys = {(r["type"], r["amount"], r["document_date"]): r["fact_key"] for r in rows}
    return [
        Decision("confirm", [keys[("commitment", 20_000_000, "2025-01-12")]], "ana", "ok", id=1),
        Decision("reject", [keys[("commitment", 7_000_000, None)]], "ana", "dup", id=2),
        Decision(
            "merge",
            [
                keys[("commitment", 7_000_000, "2025-02-03")],
                keys[("commitment", 5_000_000, "2025-03-02")],
            ],
            "ana",
            "one package",
            id=3,
        ),
    ]


def _picture(found: list[Entry]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            e.key,
            e.type,
            tuple(members(e)),
            tuple((m.row["fact_key"], m.reason) for m in e.members),
            e.representative["fact_key"],
            e.conflict,
            e.superseded_by,
            e.decided,
            repr(sorted(e.fields.items())),
        )
        for e in found
    )


def test_the_ledger_exercises_every_join(ledger_rows: list[dict[str, Any]]) -> None:
    found = reconcile(ledger_rows, _decisions(ledger_rows))
    assert any(e.superseded_by for e in found)
    assert any(e.conflict for e in found)
    assert any(e.decided for e in found)
    assert any(len(e.members) > 1 and e.type == "agreement" for e in found)
    assert all(m.reason == FIRST for e in found for m in e.members[:1])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.randoms(use_true_random=False))
def test_entries_do_not_depend_on_the_order_of_the_rows(
    ledger_rows: list[dict[str, Any]], order: Any
) -> None:
    decisions = _decisions(ledger_rows)
    shuffled = list(ledger_rows)
    order.shuffle(shuffled)
    shuffled_decisions = list(decisions)
    order.shuffle(shuffled_decisions)
    expected = _picture(reconcile(ledger_rows, decisions))
    assert _picture(reconcile(shuffled, shuffled_decisions)) == expected


def test_values_within_three_percent_at_a_bin_edge_are_joined(tmp_path: Path) -> None:
    step = math.log1p(SAME_VALUE)
    low = round(math.exp(step * 600.995))  # near the top of its EUR bin
    high = round(low * 1.0305)  # within 3% of the larger: two bins up
    dollars = rate_on("USD", date(2025, 1, 27))
    assert dollars is not None
    rows = rows_of(
        tmp_path,
        article("2025-01-06", commitment(low, "EUR")),
        article("2025-01-27", commitment(round(high * dollars[1]), "USD")),  # EUR value: high
    )
    a, b = (with_conversion(r) for r in rows)
    assert same_commitment(a, b) is not None  # the rule joins them
    assert len(reconcile(rows, [])) == 1  # got 2: the pair was never compared


def test_the_first_report_keeps_its_reason_whatever_order_a_merge_names(tmp_path: Path) -> None:
    rows = rows_of(
        tmp_path,
        article("2025-03-01", commitment(20_000_000, mechanism="fund")),
        article("2025-09-01", commitment(20_000_000, mechanism="fund")),
    )
    later_first = [r["fact_key"] for r in rows][::-1]
    (entry,) = reconcile(rows, [Decision("merge", later_first, "ana", "one package", id=1)])
    # got: [('2025-03-01', 'merged by ana: one package'), ('2025-09-01', 'first report')]
    assert [m.reason for m in entry.members] == [FIRST, "merged by ana: one package"]
