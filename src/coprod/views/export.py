"""Facts, ledger entries, their evidence and the scoreboard as CSV, XLSX, Parquet or JSON.

Every row names its sources: a fact its document's URL, an entry the URLs of all its
reports, a scoreboard row those of the entries it counts. CSV and XLSX cells hold lists
and booleans as JSON (`["DNK", "NOR"]`, `true`) so that every cell reads back without
guessing; XLSX never turns text into a formula (a sentence starting with "=" stays
text); Parquet keeps lists of text as lists; an unstated field is an empty cell (null).
CSV keeps every character as written: open it in a spreadsheet with care.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from coprod.errors import InputError
from coprod.store import FACT_ROW_KEYS, FactRow, Store
from coprod.views.scoreboard import as_rows, build_scoreboard


def facts_csv(rows: Sequence[FactRow]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FACT_ROW_KEYS)  # RFC 4180: CRLF, so a lone CR is quoted
    writer.writeheader()
    writer.writerows({key: _cell(row[key]) for key in FACT_ROW_KEYS} for row in rows)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple | dict | bool):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def facts_json(rows: Sequence[FactRow]) -> str:
    return json.dumps(list(rows), indent=2, ensure_ascii=False)


# -- files: `coprod export csv|xlsx|parquet|json --out FILE` ----------------------------

FORMATS = ("csv", "xlsx", "parquet", "json")
TABLES = ("entries", "facts", "scoreboard", "evidence")
ONE_TABLE = ("csv", "parquet")  # a file holds one table; xlsx and json hold them all
DEFAULT_TABLE = "entries"


def export_tables(store: Store, names: Sequence[str] = TABLES) -> dict[str, list[dict[str, Any]]]:
    """The named tables as rows, each row with the URLs of its sources."""
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        raise InputError(f"unknown table {unknown[0]!r}: use {', '.join(TABLES)}")
    builders = {
        "entries": lambda: [_plain(r) for r in store.entries()],
        "facts": lambda: [_plain(r) for r in store.facts(all_copies=True)],
        "scoreboard": lambda: scoreboard_rows(store),
        "evidence": lambda: [_plain(r) for r in store.evidence()],
    }
    return {name: builders[name]() for name in names}


def scoreboard_rows(store: Store) -> list[dict[str, Any]]:
    """One flat row per partner, with the source URLs of the entries it counts."""
    entries = store.entries("commitment")
    rows = as_rows(build_scoreboard(store))
    for row in rows:
        urls = (e["urls"] for e in entries if e["counted"] and row["partner"] in e["funder"])
        row["urls"] = list(dict.fromkeys(u for group in urls for u in group))
    return rows


def write_export(
    format_: str, tables: dict[str, list[dict[str, Any]]], out: Path
) -> dict[str, int]:
    """Write `tables` to `out` in `format_`; returns rows written per table."""
    if format_ not in WRITERS:
        raise InputError(f"unknown format {format_!r}: use {', '.join(FORMATS)}")
    if format_ in ONE_TABLE and len(tables) != 1:
        raise InputError(f"a {format_} file holds one table: choose one with --table")
    try:
        WRITERS[format_](tables, out)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return {name: len(rows) for name, rows in tables.items()}


def _write_csv(tables: dict[str, list[dict[str, Any]]], out: Path) -> None:
    (rows,) = tables.values()
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=_columns(rows))
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)


def _write_json(tables: dict[str, list[dict[str, Any]]], out: Path) -> None:
    out.write_text(json.dumps(tables, indent=2, ensure_ascii=False, default=str), "utf-8")


def _write_xlsx(tables: dict[str, list[dict[str, Any]]], out: Path) -> None:
    import pandas as pd

    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, rows in tables.items():
            frame = pd.DataFrame([{k: _cell(v) for k, v in r.items()} for r in rows])
            frame.to_excel(writer, sheet_name=name, index=False)
            _no_formulas(writer.sheets[name])


def _no_formulas(sheet: Any) -> None:
    """Text from articles stays text: a cell reading "=HYPERLINK(...)" is not a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def _write_parquet(tables: dict[str, list[dict[str, Any]]], out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    (rows,) = tables.values()
    columns = _columns(rows)
    data = {c: _parquet_column([r.get(c) for r in rows]) for c in columns}
    pq.write_table(pa.table(data) if rows else pa.table({c: [] for c in columns}), out)


def _parquet_column(values: list[Any]) -> list[Any]:
    """A column whose every value is a list of text stays a list column; any other column
    holding nested values (alt: [[amount, currency]]) is JSON text throughout."""
    nested = [v for v in values if isinstance(v, list | tuple | dict)]
    if not nested:
        return values
    if all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in nested):
        return values
    return [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]


def _columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(k for row in rows for k in row))


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Times as ISO text, so every format holds them alike."""
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}


WRITERS: dict[str, Callable[[dict[str, list[dict[str, Any]]], Path], None]] = {
    "csv": _write_csv,
    "json": _write_json,
    "xlsx": _write_xlsx,
    "parquet": _write_parquet,
}
