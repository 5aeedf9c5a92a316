"""The few words that show a fact and its source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coprod.store import FactRow
from coprod.views.figures import figure, number, shown, source
from tests.samples import filled_store


def rows(tmp_path: Path) -> dict[str, FactRow]:
    with filled_store(tmp_path / "ledger.db") as store:
        return {f"{row['type']}:{row['document_id']}": row for row in store.facts()}


def test_each_type_in_a_few_words(tmp_path: Path) -> None:
    found = rows(tmp_path)
    assert figure(found["commitment:dk-1"]) == "DKK 1,300,000,000"
    assert figure(found["commitment:lt-1"]) == "EUR 20,000,000 (USD 21,000,000) · drones"
    assert figure(found["gdp_pledge:lt-1"]) == "0.25% of GDP, annual"
    assert figure(found["agreement:dk-1"]) == "coproduction · parties DNK, UKR · dated 2025-07-04"
    assert figure(found["target:ua-1"]) == "funding: over 1,000,000,000 USD · ukrainian_industry"


def test_a_joint_running_total_says_so(tmp_path: Path) -> None:
    row: dict[str, Any] = rows(tmp_path)["commitment:dk-1"] | {
        "funder": ["DNK", "NOR"],
        "cumulative": True,
        "year": 2025,
        "qualifier": "up_to",
        "amount": None,
    }
    assert figure(row) == "up to DKK ? · running total · for 2025 · jointly by DNK, NOR"


def test_a_source_by_title_else_url_else_id(tmp_path: Path) -> None:
    row = rows(tmp_path)["commitment:dk-1"]
    assert source(row) == "Denmark funds Ukrainian weapons makers (2025-03-01)"
    assert source(row | {"document_title": None, "document_date": None}) == row["document_url"]
    assert source(row | {"document_title": None, "document_url": None}) == "dk-1 (2025-03-01)"


def test_numbers_keep_their_decimals_and_unstated_fields_show_a_dash() -> None:
    assert (number(1.5e9), number(0.25), number(None)) == ("1,500,000,000", "0.25", "?")
    assert (shown(None), shown(""), shown("DNK")) == ("—", "—", "DNK")
