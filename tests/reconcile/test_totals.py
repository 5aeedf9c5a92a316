"""Running totals and the limits on joining reports, as the review of the first version
found them wanting: each case below once gave a wrong total."""

from __future__ import annotations

from pathlib import Path

from coprod.reconcile import Entry, reconcile
from coprod.reconcile.entries import FIRST
from tests.reconcile.rows import agreement, article, commitment, of_type, rows_of


def _counted_eur(entries: list[Entry]) -> float:
    return sum(e.fields["eur"] for e in entries if e.counted)


def test_a_year_total_never_supersedes_an_all_time_total(tmp_path: Path) -> None:
    rows = rows_of(
        tmp_path,
        article("2025-03-10", commitment(910_000_000, cumulative=True)),
        article("2025-06-10", commitment(200_000_000, cumulative=True, year=2025)),
    )
    entries = reconcile(rows, [])
    assert all(e.superseded_by is None for e in entries)
    later = next(e for e in entries if e.fields["year"] == 2025)
    assert later.conflict is not None and "overlap" in later.conflict


def test_each_total_holds_its_own_year_and_earlier_totals_are_not_added(tmp_path: Path) -> None:
    rows = rows_of(
        tmp_path,
        article("2024-03-01", commitment(100_000_000, year=2024)),
        article("2024-12-01", commitment(500_000_000, cumulative=True, year=2024)),
        article("2025-06-01", commitment(300_000_000, cumulative=True, year=2025)),
    )
    entries = reconcile(rows, [])
    assert _counted_eur(entries) == 800_000_000
    single = next(e for e in entries if not e.fields["cumulative"])
    assert single.superseded_by is not None


def test_a_general_total_of_military_aid_holds_every_mechanism(tmp_path: Path) -> None:
    rows = rows_of(
        tmp_path,
        article("2025-01-10", commitment(50_000_000, mechanism="ukrainian_industry")),
        article("2025-02-10", commitment(70_000_000, mechanism="procurement")),
        article("2025-03-10", commitment(9_000_000_000, mechanism="other", cumulative=True)),
        article("2025-04-10", commitment(30_000_000, mechanism="ukrainian_industry")),
    )
    entries = reconcile(rows, [])
    assert _counted_eur(entries) == 9_030_000_000


def test_an_undated_sum_is_not_assumed_inside_a_total(tmp_path: Path) -> None:
    rows = rows_of(
        tmp_path,
        article(None, commitment(40_000_000)),
        article("2025-03-10", commitment(500_000_000, cumulative=True)),
    )
    entries = reconcile(rows, [])
    assert all(e.superseded_by is None for e in entries)


def test_reports_a_year_apart_are_not_chained_into_one_deal(tmp_path: Path) -> None:
    days = ("2024-01-10", "2024-06-10", "2024-11-10", "2025-04-10")
    rows = rows_of(tmp_path, *(article(d, commitment(100_000_000)) for d in days))
    entries = reconcile(rows, [])
    spans = sorted((e.fields["first_reported"], e.fields["last_reported"]) for e in entries)
    assert spans == [("2024-01-10", "2024-06-10"), ("2024-11-10", "2025-04-10")]  # <= 180 days


def test_deals_of_two_named_companies_stay_apart_through_an_unnamed_report(
    tmp_path: Path,
) -> None:
    rows = rows_of(
        tmp_path,
        article("2024-05-01", agreement(companies=["Firm X"], stage="signed")),
        article("2025-02-01", agreement(companies=[], stage="signed")),
        article("2025-03-01", agreement(companies=["Firm Y"], stage="preliminary")),
    )
    entries = of_type(reconcile(rows, []), "agreement")
    assert len(entries) == 2
    firm_y = next(e for e in entries if "Firm Y" in e.fields["companies"])
    assert firm_y.fields["companies"] == ["Firm Y"]
    assert firm_y.fields["stage"] == "preliminary"


def test_a_report_without_a_figure_does_not_revise_one(tmp_path: Path) -> None:
    rows = rows_of(
        tmp_path,
        article("2025-03-10", commitment(100_000_000, categories=["drones"])),
        article("2025-03-12", commitment(None, None, categories=["drones"])),
    )
    entries = reconcile(rows, [])
    with_figure = next(e for e in entries if e.fields["amount"] == 100_000_000)
    assert with_figure.counted and with_figure.conflict is None


def test_every_member_says_why_it_joined(tmp_path: Path) -> None:
    rows = rows_of(
        tmp_path,
        article("2025-03-10", commitment(100_000_000, "EUR")),
        article("2025-03-11", commitment(120_000_000, "USD")),
        article("2025-03-12", commitment(100_000_000, "EUR", alt=[(120_000_000, "USD")])),
    )
    (entry,) = reconcile(rows, [])
    reasons = [m.reason for m in entry.members]
    assert reasons[0] == FIRST
    assert all(r != FIRST and "same funder" in r for r in reasons[1:])
