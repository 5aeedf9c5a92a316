"""Export files (coprod.views.export.write_export): every format reads back, with the rows
and columns of `export_tables`, and every row names its sources."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.errors import InputError
from coprod.store import Store
from coprod.views.export import TABLES, export_tables, write_export
from tests.reconcile.rows import agreement, article, build, commitment, pledge, target

Tables = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("export") / "ledger.db"
    with build(
        path,
        article("2025-03-03", commitment(20_000_000, categories=["drones", "artillery"])),
        article("2025-03-10", commitment(20_000_000), agreement(host="DNK")),
        article("2025-03-11", commitment(6_000_000, funder=("DNK", "NOR"), status="planned")),
        article("2025-04-01", commitment(1_000_000_000, "UAH", funder=("UKR",), year=2025)),
        article("2025-05-01", pledge(), target()),
        article(None, commitment(50_000_000, cumulative=True), url="https://example.org/a,b"),
    ) as opened:
        yield opened


@pytest.fixture(scope="module")
def tables(store: Store) -> Tables:
    return export_tables(store)


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(k for row in rows for k in row))


def _text(value: Any) -> str:
    """A cell as CSV holds it: lists and booleans as JSON, nothing as an empty cell."""
    if isinstance(value, list | tuple | dict | bool):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def test_every_table_has_rows_and_names_its_sources(tables: Tables) -> None:
    assert set(tables) == set(TABLES)
    assert all(tables[name] for name in TABLES)
    assert all(row["urls"] for row in tables["entries"])
    assert all(row["document_url"] for row in tables["facts"])
    assert all(row["document_url"] for row in tables["evidence"])
    counted = [row for row in tables["scoreboard"] if row["eur"]]
    assert counted and all(row["urls"] for row in counted)


def test_an_entry_names_the_urls_of_all_its_reports(tables: Tables) -> None:
    joined = [row for row in tables["entries"] if row["n_documents"] == 2]
    assert len(joined) == 1
    assert len(joined[0]["urls"]) == 2


@pytest.mark.parametrize("name", TABLES)
def test_csv_reads_back_with_the_same_rows_and_columns(
    tables: Tables, tmp_path: Path, name: str
) -> None:
    out = tmp_path / f"{name}.csv"
    assert write_export("csv", {name: tables[name]}, out) == {name: len(tables[name])}
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        back = list(reader)
        assert reader.fieldnames == _columns(tables[name])
    columns = _columns(tables[name])
    assert back == [{c: _text(row.get(c)) for c in columns} for row in tables[name]]


def test_csv_cells_read_back_without_guessing(tables: Tables, tmp_path: Path) -> None:
    out = tmp_path / "entries.csv"
    write_export("csv", {"entries": tables["entries"]}, out)
    with out.open(encoding="utf-8", newline="") as handle:
        back = list(csv.DictReader(handle))
    for row, original in zip(back, tables["entries"], strict=True):
        assert json.loads(row["urls"]) == original["urls"]
        assert json.loads(row["counted"]) is original["counted"]


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, list | tuple | dict | bool):
        return json.dumps(value, ensure_ascii=False)
    return None if value in (None, "") else value


def test_xlsx_holds_every_table_as_a_sheet(tables: Tables, tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    assert write_export("xlsx", tables, out) == {n: len(rows) for n, rows in tables.items()}
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        assert book.sheetnames == list(TABLES)
        for name, rows in tables.items():
            header, *body = [list(r) for r in book[name].iter_rows(values_only=True)]
            assert header == _columns(rows)
            expected = [[_xlsx_value(row.get(c)) for c in header] for row in rows]
            assert [[_xlsx_value(v) for v in r] for r in body] == expected, name
    finally:
        book.close()


def _parquet_value(value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


@pytest.mark.parametrize("name", TABLES)
def test_parquet_reads_back_with_the_same_rows_and_columns(
    tables: Tables, tmp_path: Path, name: str
) -> None:
    out = tmp_path / f"{name}.parquet"
    write_export("parquet", {name: tables[name]}, out)
    read = pq.read_table(out)
    assert read.column_names == _columns(tables[name])
    expected = [{c: _parquet_value(row.get(c)) for c in read.column_names} for row in tables[name]]
    assert read.to_pylist() == expected


def test_parquet_keeps_lists_of_text_as_lists(tables: Tables, tmp_path: Path) -> None:
    out = tmp_path / "entries.parquet"
    write_export("parquet", {"entries": tables["entries"]}, out)
    back = pq.read_table(out).to_pylist()
    assert [row["urls"] for row in back] == [row["urls"] for row in tables["entries"]]
    assert any(row["categories"] == ["drones", "artillery"] for row in back)


def test_json_holds_every_table(tables: Tables, tmp_path: Path) -> None:
    out = tmp_path / "ledger.json"
    write_export("json", tables, out)
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(tables))


def test_an_empty_table_still_writes(tmp_path: Path) -> None:
    write_export("csv", {"entries": []}, tmp_path / "empty.csv")
    write_export("parquet", {"entries": []}, tmp_path / "empty.parquet")
    with (tmp_path / "empty.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == []
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0


@pytest.mark.parametrize("format_", ["csv", "parquet"])
def test_a_one_table_format_refuses_two(tables: Tables, tmp_path: Path, format_: str) -> None:
    two = {"entries": tables["entries"], "facts": tables["facts"]}
    with pytest.raises(InputError, match="holds one table"):
        write_export(format_, two, tmp_path / f"out.{format_}")
    assert not (tmp_path / f"out.{format_}").exists()


@pytest.mark.parametrize("format_", ["csv", "xlsx", "parquet", "json"])
def test_an_unwritable_path_is_an_input_error(tables: Tables, tmp_path: Path, format_: str) -> None:
    out = tmp_path / "no" / "such" / f"dir.{format_}"
    with pytest.raises(InputError, match="cannot write"):
        write_export(format_, {"entries": tables["entries"]}, out)
    with pytest.raises(InputError, match="cannot write"):
        write_export(format_, {"entries": tables["entries"]}, tmp_path)  # a folder


HOSTILE = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    max_size=60,
) | st.sampled_from(['a,"b"', "line\nbreak", "cr\rlf\r\n", '""', "€ ₴ ñ 中文 🚀", ",,,"])


@settings(max_examples=80, deadline=None)
@given(evidence=HOSTILE, title=HOSTILE)
def test_any_text_survives_a_csv_file_round_trip(
    tables: Tables, tmp_path_factory: pytest.TempPathFactory, evidence: str, title: str
) -> None:
    rows = [row | {"evidence": evidence, "document_title": title} for row in tables["facts"]]
    out = tmp_path_factory.mktemp("hostile") / "facts.csv"
    write_export("csv", {"facts": rows}, out)
    with out.open(encoding="utf-8", newline="") as handle:
        back = list(csv.DictReader(handle))
    assert [(r["evidence"], r["document_title"]) for r in back] == [(evidence, title)] * len(rows)


@pytest.mark.parametrize("table", ["facts", "evidence"])
def test_parquet_writes_facts_with_and_without_alt(tmp_path: Path, table: str) -> None:
    with build(
        tmp_path / "ledger.db",
        article("2025-03-03", commitment(20_000_000)),  # alt == []
        article("2025-03-04", commitment(20_000_000, alt=[(21_000_000, "USD")])),
    ) as store:
        rows = export_tables(store, [table])
    out = tmp_path / f"{table}.parquet"
    # got: pyarrow.lib.ArrowInvalid: cannot mix list and non-list, non-null values
    write_export("parquet", rows, out)
    assert pq.read_table(out).num_rows == 2


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://evil.example","click")'
    out = tmp_path / "hostile.xlsx"
    write_export("xlsx", {"facts": [{"evidence": hostile, "amount": 1.0}]}, out)
    cell = openpyxl.load_workbook(out)["facts"]["A2"]
    assert (cell.value, cell.data_type) == (hostile, "s")
