"""When two reports are one commitment (coprod.reconcile.matching), through `reconcile`.

Each rule is tested on fact rows as the ledger stores them: it joins what it should and
nothing else. The figures across currencies are set with the ECB rate of the day.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod.model import Decision
from coprod.reconcile import Entry, reconcile
from coprod.reconcile.currency import convert
from coprod.reconcile.entries import FIRST
from coprod.reconcile.matching import REVISION_DAYS, SAME_DEAL_DAYS
from tests.reconcile.rows import Article, article, build, commitment, ingest, rows_of


def entries_of(
    tmp_path: Path, *articles: Article, decisions: list[Decision] | None = None
) -> list[Entry]:
    return reconcile(rows_of(tmp_path, *articles), decisions or [])


def test_the_same_figure_in_one_currency_is_one_entry(tmp_path: Path) -> None:
    (entry,) = entries_of(
        tmp_path,
        article("2025-03-03", commitment(20_000_000, "EUR")),
        article("2025-03-20", commitment(20_050_000, "EUR")),  # rounding: within 0.5%
    )
    assert len(entry.members) == 2
    assert entry.members[0].reason == FIRST
    assert entry.members[1].reason == "same funder (DNK), the same figure (EUR 20,050,000)"
    assert entry.conflict is None
    assert entry.fields["n_documents"] == 2


def test_a_conversion_the_text_gives_joins_as_the_same_figure(tmp_path: Path) -> None:
    # the alt is as the text writes it, even when it is far from the ECB rate
    (entry,) = entries_of(
        tmp_path,
        article("2025-03-03", commitment(20_000_000, "EUR")),
        article("2025-04-01", commitment(30_000_000, "USD", alt=[(20_000_000, "EUR")])),
    )
    assert "the same figure (EUR 20,000,000)" in entry.members[1].reason
    assert entry.conflict is None
    assert (entry.fields["amount"], entry.fields["currency"]) == (20_000_000, "EUR")


def _usd(eur: float, day: str) -> float:
    """The dollars worth `eur` euros at the ECB rate of `day`."""
    rate = convert(1.0, "EUR", day).usd
    assert rate is not None
    return eur * rate


@pytest.mark.parametrize("off", [0.98, 1.0, 1.025])
def test_two_currencies_within_three_percent_at_ecb_rates_join(tmp_path: Path, off: float) -> None:
    (entry,) = entries_of(
        tmp_path,
        article("2025-03-03", commitment(20_000_000, "EUR")),
        article("2025-03-24", commitment(round(_usd(20_000_000 * off, "2025-03-24")), "USD")),
    )
    assert "agree within 3% at the ECB rates of their days" in entry.members[1].reason
    assert entry.conflict is None


def test_two_currencies_that_agree_but_months_apart_stay_apart(tmp_path: Path) -> None:
    found = entries_of(
        tmp_path,
        article("2025-03-03", commitment(20_000_000, "EUR")),
        article("2025-05-05", commitment(round(_usd(20_000_000, "2025-05-05")), "USD")),
    )
    assert len(found) == 2  # a conversion is made while the deal is news, within weeks


@pytest.mark.parametrize("off", [0.95, 1.04])
def test_two_currencies_further_apart_stay_apart(tmp_path: Path, off: float) -> None:
    found = entries_of(
        tmp_path,
        article("2025-03-03", commitment(20_000_000, "EUR")),
        article("2025-03-24", commitment(round(_usd(20_000_000 * off, "2025-03-24")), "USD")),
    )
    assert len(found) == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"mechanism": "ukrainian_industry"}, {"mechanism": "procurement"}),
        ({"categories": ["drones"]}, {"categories": ["artillery"]}),
        ({"categories": ["drones"]}, {"categories": ["drones", "artillery"]}),
        ({"year": 2025}, {"year": 2026}),
        ({"cumulative": True}, {"cumulative": False}),
        ({"funder": ["DNK"]}, {"funder": ["DNK", "NOR"]}),
        ({"funder": ["DNK"]}, {"funder": ["SWE"]}),
        ({"funder": []}, {"funder": []}),
    ],
    ids=[
        "mechanism",
        "disjoint-categories",
        "more-categories",
        "year",
        "cumulative",
        "joint-funders",
        "other-funder",
        "no-funder",
    ],
)
def test_what_differs_keeps_the_same_figure_apart(
    tmp_path: Path, first: dict[str, object], second: dict[str, object]
) -> None:
    found = entries_of(
        tmp_path,
        article("2025-03-03", commitment(20_000_000, "EUR", **first)),
        article("2025-03-20", commitment(20_000_000, "EUR", **second)),
    )
    assert len(found) == 2
    assert all(e.members[0].reason == FIRST for e in found)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"mechanism": None}, {"mechanism": "procurement"}),
        ({"categories": []}, {"categories": ["drones"]}),
        ({"categories": ["artillery", "drones"]}, {"categories": ["drones", "artillery"]}),
        ({"year": None}, {"year": 2025}),
        ({"funder": ["NOR", "DNK"]}, {"funder": ["DNK", "NOR"]}),
        ({"status": "pledged"}, {"status": "allocated"}),
    ],
    ids=[
        "mechanism-unstated",
        "categories-unstated",
        "categories-order",
        "year-unstated",
        "funder-order",
        "status",
    ],
)
def test_what_one_report_leaves_unstated_does_not_keep_them_apart(
    tmp_path: Path, first: dict[str, object], second: dict[str, object]
) -> None:
    (entry,) = entries_of(
        tmp_path,
        article("2025-03-03", commitment(20_000_000, "EUR", **first)),
        article("2025-03-20", commitment(20_000_000, "EUR", **second)),
    )
    assert len(entry.members) == 2


def test_reports_more_than_180_days_apart_are_two_deals(tmp_path: Path) -> None:
    assert SAME_DEAL_DAYS == 180
    within = entries_of(
        tmp_path,
        article("2025-01-01", commitment(20_000_000, "EUR")),
        article("2025-06-30", commitment(20_000_000, "EUR")),  # 180 days
    )
    apart = entries_of(
        tmp_path,
        article("2025-01-01", commitment(20_000_000, "EUR")),
        article("2025-07-01", commitment(20_000_000, "EUR")),  # 181 days
    )
    assert (len(within), len(apart)) == (1, 2)


def test_a_report_without_a_date_joins_only_another_without_one(tmp_path: Path) -> None:
    found = entries_of(
        tmp_path,
        article("2025-01-01", commitment(20_000_000, "EUR")),
        article(None, commitment(20_000_000, "EUR")),
        article(None, commitment(20_000_000, "EUR")),
    )
    assert sorted(len(e.members) for e in found) == [1, 2]
    (undated,) = [e for e in found if len(e.members) == 2]
    assert undated.fields["first_reported"] is None


def test_two_facts_in_one_document_are_two_sums(tmp_path: Path) -> None:
    found = entries_of(
        tmp_path,
        article("2025-03-03", commitment(20_000_000, "EUR"), commitment(20_000_000, "EUR")),
    )
    assert len(found) == 2


def _revision(tmp_path: Path, days_apart: int, **fields: object) -> list[Entry]:
    later = f"2025-03-{1 + days_apart:02d}"
    fields = {"categories": ["drones"]} | fields
    return entries_of(
        tmp_path,
        article("2025-03-01", commitment(20_000_000, "EUR", **fields)),
        article(later, commitment(25_000_000, "EUR", **fields)),
    )


def test_a_revised_figure_within_a_week_is_one_entry_with_a_conflict(tmp_path: Path) -> None:
    (entry,) = _revision(tmp_path, REVISION_DAYS)
    assert entry.conflict is not None
    assert "figures disagree: EUR 20,000,000 (2025-03-01) vs EUR 25,000,000" in entry.conflict
    assert "different figure: EUR 20,000,000 vs EUR 25,000,000" in entry.members[1].reason
    assert entry.fields["amount"] == 25_000_000  # the latest figure, never an average
    assert entry.representative["document_date"] == "2025-03-08"


@pytest.mark.parametrize(
    ("days", "fields"),
    [
        (REVISION_DAYS + 1, {}),
        (2, {"categories": []}),
        (2, {"mechanism": None}),
        (2, {"cumulative": True}),
    ],
    ids=["eight-days", "no-categories", "no-mechanism", "running-total"],
)
def test_a_different_figure_is_no_revision_without_its_conditions(
    tmp_path: Path, days: int, fields: dict[str, object]
) -> None:
    assert len(_revision(tmp_path, days, **fields)) == 2


def test_a_revision_needs_the_same_categories(tmp_path: Path) -> None:
    found = entries_of(
        tmp_path,
        article("2025-03-01", commitment(20_000_000, "EUR", categories=["drones"])),
        article("2025-03-03", commitment(25_000_000, "EUR", categories=["missiles"])),
    )
    assert len(found) == 2


def test_a_confirmed_fact_closes_the_conflict_and_its_figure_wins(tmp_path: Path) -> None:
    rows = rows_of(
        tmp_path,
        article("2025-03-01", commitment(20_000_000, "EUR", categories=["drones"])),
        article("2025-03-05", commitment(25_000_000, "EUR", categories=["drones"])),
    )
    first = next(r for r in rows if r["amount"] == 20_000_000)
    confirm = Decision("confirm", [first["fact_key"]], "ana", "the ministry's figure", id=1)
    (entry,) = reconcile(rows, [confirm])
    assert entry.conflict is None
    assert entry.decided
    assert entry.fields["amount"] == 20_000_000
    assert entry.representative["fact_key"] == first["fact_key"]


def test_a_merge_joins_what_no_rule_would_and_says_who_and_why(tmp_path: Path) -> None:
    rows = rows_of(
        tmp_path,
        article("2025-03-01", commitment(20_000_000, "EUR", mechanism="fund")),
        article("2025-09-01", commitment(20_000_000, "EUR", mechanism="fund")),
    )
    keys = [r["fact_key"] for r in rows]
    assert len(reconcile(rows, [])) == 2
    merge = Decision("merge", keys, "ana", "the same PURL package", id=1)
    (entry,) = reconcile(rows, [merge])
    assert [m.reason for m in entry.members] == [FIRST, "merged by ana: the same PURL package"]


def test_the_entry_key_is_its_earliest_stored_fact_as_reports_arrive(tmp_path: Path) -> None:
    first = article("2025-03-10", commitment(20_000_000, "EUR"))
    with build(tmp_path / "ledger.db", first) as store:
        (key,) = [e["key"] for e in store.entries()]
        assert key == store.reconcile_rows()[0]["fact_key"]
        ingest(store, article("2025-03-20", commitment(20_000_000, "EUR")))
        ingest(store, article("2025-03-01", commitment(20_000_000, "EUR")))  # dated earlier
        (entry,) = store.entries()
        assert entry["key"] == key
        assert entry["n_documents"] == 3
        assert entry["first_reported"] == "2025-03-01"
        assert len(store.evidence(key)) == 3


def test_the_joined_entry_keeps_each_members_reason_in_the_ledger(tmp_path: Path) -> None:
    with build(
        tmp_path / "ledger.db",
        article("2025-03-03", commitment(20_000_000, "EUR")),
        article("2025-03-04", commitment(20_000_000, "EUR", alt=[(21_000_000, "USD")])),
    ) as store:
        (entry,) = store.entries()
        reasons = [f["reason"] for f in store.evidence(entry["key"])]
    assert reasons == [FIRST, "same funder (DNK), the same figure (EUR 20,000,000)"]
