"""Where each partner stands (coprod.views.scoreboard): counted sums by mechanism and status,
joint sums apart, unconverted ones listed, shares of GDP year by year, conflicts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod.reconcile.gdp import GdpFigure, GdpTable
from coprod.store import Store
from coprod.views.scoreboard import Scoreboard, ScoreRow, as_rows, build_scoreboard, scoreboard
from tests.reconcile.rows import agreement, article, build, commitment

GDP = GdpTable(
    [
        GdpFigure("DNK", 2023, 380e9, "test"),
        GdpFigure("DNK", 2024, 400e9, "test"),  # no 2025 figure: 2025 is set against 2024
        GdpFigure("NOR", 2025, 480e9, "test"),
        GdpFigure("EUU", 2025, 19e12, "test"),
    ]
)
SOURCE = {"source": "hand-made"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("board") / "ledger.db"
    with build(
        path,
        article("2025-03-03", commitment(20_000_000, mechanism="ukrainian_industry")),
        article("2024-06-03", commitment(10_000_000, mechanism="procurement", status="pledged")),
        article("2025-04-01", commitment(5_000_000, status="planned")),
        article("2025-03-03", commitment(6_000_000, funder=("DNK", "NOR"))),
        article("2025-05-05", commitment(3_000_000, funder=("NOR",), status="planned")),
        article("2025-05-05", commitment(4_000_000, funder=("SWE",), status="planned")),
        article("2025-05-05", commitment(1_000_000_000, "UAH", funder=("UKR",))),
        article("2025-06-02", commitment(100_000_000, funder=("EU",), mechanism="fund")),
        article("2025-07-01", commitment(1_000_000, funder=("FIN",), categories=["drones"])),
        article("2025-07-03", commitment(2_000_000, funder=("FIN",), categories=["drones"])),
        article("2025-07-01", agreement(host="DNK")),
        article("2025-07-02", agreement(host="UKR")),
    ) as opened:
        yield opened


@pytest.fixture(scope="module")
def board(store: Store) -> dict[str, ScoreRow]:
    return {r.partner: r for r in scoreboard_of(store).rows}


def scoreboard_of(store: Store) -> Scoreboard:
    return scoreboard(store.entries(), GDP, SOURCE)


def _sole(store: Store, funder: str) -> list[dict[str, Any]]:
    return [e for e in store.entries("commitment") if e["funder"] == [funder] and e["counted"]]


def test_a_partner_sums_its_counted_entries_by_mechanism_and_status(
    store: Store, board: dict[str, ScoreRow]
) -> None:
    dnk = board["DNK"]
    assert dnk.eur == pytest.approx(30_000_000)
    assert dnk.usd == pytest.approx(sum(e["usd"] for e in _sole(store, "DNK")))
    assert dnk.entries == 2
    assert dnk.by_mechanism == pytest.approx(
        {"ukrainian_industry": 20_000_000, "procurement": 10_000_000}
    )
    assert dnk.by_status == pytest.approx({"allocated": 20_000_000, "pledged": 10_000_000})


def test_a_joint_sum_is_kept_apart_for_each_funder(board: dict[str, ScoreRow]) -> None:
    for code in ("DNK", "NOR"):
        assert board[code].joint_eur == pytest.approx(6_000_000)
        assert board[code].joint_entries == 1
        assert board[code].joint_usd > 0
    assert board["NOR"].eur == 0


def test_a_partner_with_only_planned_sums_has_a_zero_row(board: dict[str, ScoreRow]) -> None:
    swe = board["SWE"]
    assert (swe.eur, swe.usd, swe.entries, swe.joint_eur) == (0, 0, 0, 0)
    assert swe.years == [] and swe.gdp_share_pct is None


def test_a_figure_the_ecb_does_not_convert_is_listed_not_summed(
    store: Store,
    board: dict[str, ScoreRow],
) -> None:
    assert "UKR" not in board  # Ukraine's own spending is not a partner's
    ukr = scoreboard_of(store).ukraine
    assert ukr is not None
    assert ukr.eur == 0 and ukr.entries == 1
    ((amount, currency, note),) = [(u.amount, u.currency, u.note) for u in ukr.unconverted]
    assert (amount, currency, note) == (1_000_000_000, "UAH", "not_published_by_ecb")


def test_each_year_is_set_against_the_latest_gdp_published_up_to_it(
    store: Store, board: dict[str, ScoreRow]
) -> None:
    usd = {e["date"][:4]: e["usd"] for e in _sole(store, "DNK")}
    years = {s.year: s for s in board["DNK"].years}
    assert sorted(years) == [2024, 2025]
    assert (years[2024].gdp_year, years[2024].gdp_usd) == (2024, 400e9)
    assert (years[2025].gdp_year, years[2025].gdp_usd) == (2024, 400e9)
    assert years[2024].share_pct == pytest.approx(100 * usd["2024"] / 400e9)
    assert years[2025].share_pct == pytest.approx(100 * usd["2025"] / 400e9)
    dnk = board["DNK"]
    assert (dnk.share_year, dnk.gdp_year) == (2025, 2024)  # the latest year's money
    assert dnk.gdp_share_pct == pytest.approx(100 * usd["2025"] / 400e9)


def test_the_eu_is_set_against_the_eu_aggregate(board: dict[str, ScoreRow]) -> None:
    eu = board["EU"]
    assert (eu.gdp_year, eu.gdp_usd) == (2025, 19e12)
    assert eu.gdp_share_pct == pytest.approx(100 * eu.years[-1].usd / 19e12)


def test_a_partner_without_gdp_has_no_share(board: dict[str, ScoreRow]) -> None:
    fin = board["FIN"]
    assert fin.eur > 0 and fin.gdp_share_pct is None and fin.gdp_year is None


def test_conflicts_are_counted_for_every_partner_they_touch(board: dict[str, ScoreRow]) -> None:
    assert board["FIN"].conflicts == 1  # a revised figure
    assert board["DNK"].conflicts == 1  # the agreement's host
    assert "UKR" not in board  # a party to the agreement, but not a partner
    assert board["SWE"].conflicts == 0


def test_rows_are_ordered_by_counted_euros(store: Store) -> None:
    rows = scoreboard(store.entries(), GDP, SOURCE).rows
    assert [r.partner for r in rows][:2] == ["EU", "DNK"]
    assert [r.eur for r in rows] == sorted((r.eur for r in rows), reverse=True)


def test_flat_rows_carry_the_mechanism_columns(store: Store) -> None:
    flat = {r["partner"]: r for r in as_rows(scoreboard(store.entries(), GDP, SOURCE))}
    assert flat["DNK"]["eur_procurement"] == pytest.approx(10_000_000)
    assert "UKR" not in flat
    assert flat["DNK"]["share_year"] == 2025
    assert all(not isinstance(v, list | dict) for row in flat.values() for v in row.values())


def test_gdp_loaded_into_the_ledger_overrides_the_shipped_figure(tmp_path: Path) -> None:
    with build(tmp_path / "ledger.db", article("2025-03-03", commitment(20_000_000))) as store:
        shipped = build_scoreboard(store).rows[0]
        assert shipped.gdp_share_pct is not None and shipped.gdp_year is not None
        store.load_gdp([{"iso3": "DNK", "year": 2025, "gdp_usd": 1e9, "source": "mine.csv"}])
        loaded = build_scoreboard(store)
    (row,) = loaded.rows
    assert (row.gdp_year, row.gdp_usd) == (2025, 1e9)
    assert row.gdp_share_pct == pytest.approx(100 * row.usd / 1e9)
    assert loaded.gdp_source["loaded"] == "mine.csv"
