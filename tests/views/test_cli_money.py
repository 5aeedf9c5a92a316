"""The reconciled ledger's commands end to end (coprod.views.cli.money and review):
reconcile, scoreboard, entries, export, gdp and review, on a small ledger in tmp_path."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from coprod.reconcile.gdp import INDICATOR
from coprod.store import Store
from coprod.views.cli._app import app
from tests.reconcile.rows import agreement, article, build, commitment

runner = CliRunner()


def coprod(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200", **(env or {})})


def ok(*args: str | Path) -> Result:
    result = coprod(*args)
    assert result.exit_code == 0, result.output
    return result


def refused(*args: str | Path) -> str:
    """The one line a refused command prints (exit code 2)."""
    result = coprod(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines and lines[0].startswith("error: "), result.stderr
    return " ".join(line.strip() for line in lines)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    build(
        path,
        article("2025-03-03", commitment(20_000_000)),
        article("2025-03-10", commitment(20_000_000, alt=[(21_000_000, "USD")])),
        article("2025-03-03", commitment(10_000_000, funder=("NOR",), categories=["drones"])),
        article("2025-03-05", commitment(12_000_000, funder=("NOR",), categories=["drones"])),
        article("2025-04-01", commitment(8_000_000, funder=("FIN",))),
        article("2025-04-02", commitment(8_000_000, funder=("FIN",), mechanism="fund")),
        article("2025-05-01", agreement(host="DNK")),
    ).close()
    return path


def fact_id(db: Path, funder: str, amount: float, day: str) -> str:
    with Store.open(str(db), create=False) as store:
        (found,) = [
            r["id"]
            for r in store.reconcile_rows()
            if r["funder"] == [funder] and r["amount"] == amount and r["document_date"] == day
        ]
    return str(found)


def partners(db: Path) -> dict[str, dict[str, Any]]:
    board = json.loads(ok("scoreboard", "--db", db, "--json").stdout)
    return {p["partner"]: p for p in board["partners"]}


def test_reconcile_reports_what_it_made(db: Path) -> None:
    summary = json.loads(ok("reconcile", "--db", db, "--json").stdout)
    assert summary["facts"] == 7
    assert summary["entries"] == {"commitment": 4, "agreement": 1}
    assert (summary["conflicts"], summary["counted"], summary["decisions"]) == (1, 4, 0)
    assert "ledger:" in ok("reconcile", "--db", db).stdout


def test_scoreboard_json_has_a_row_per_partner(db: Path) -> None:
    board = json.loads(ok("scoreboard", "--db", db, "--json").stdout)
    assert board["goal_pct"] == 0.25 and board["gdp_source"]
    rows = {p["partner"]: p for p in board["partners"]}
    assert set(rows) == {"DNK", "NOR", "FIN"}  # a party to an agreement only: no row
    for row in rows.values():
        assert {"partner", "eur", "usd", "gdp_share_pct", "conflicts"} <= set(row)
    assert rows["DNK"]["eur"] == pytest.approx(20_000_000)
    assert rows["FIN"]["eur"] == pytest.approx(16_000_000)
    assert rows["NOR"]["conflicts"] == 1
    assert rows["DNK"]["gdp_share_pct"] > 0
    assert "DNK" in ok("scoreboard", "--db", db).stdout


def test_entries_lists_conflicts_and_shows_one_with_its_evidence(db: Path) -> None:
    every = json.loads(ok("entries", "--db", db, "--json").stdout)
    assert len(every) == 5
    (conflict,) = json.loads(ok("entries", "--db", db, "--conflicts", "--json").stdout)
    assert conflict["funder"] == ["NOR"] and conflict["conflict"].startswith("figures disagree")
    fin = json.loads(ok("entries", "--db", db, "--partner", "fin", "--json").stdout)
    assert len(fin) == 2
    (dnk,) = [e for e in every if e["funder"] == ["DNK"]]
    shown = json.loads(ok("entries", dnk["key"][:8].upper(), "--db", db, "--json").stdout)
    assert shown["key"] == dnk["key"]
    assert [f["document_url"] for f in shown["evidence"]] == dnk["urls"]
    assert all(f["evidence"] and f["reason"] for f in shown["evidence"])
    assert dnk["key"][:8] in ok("entries", dnk["key"][:8], "--db", db).stdout
    assert "0 entries have a key starting 'ffffff'" in refused("entries", "ffffff", "--db", db)
    assert "5 entries" in refused("entries", "", "--db", db)


def test_export_writes_each_format(db: Path, tmp_path: Path) -> None:
    ok("export", "csv", "--out", tmp_path / "entries.csv", "--db", db)
    with (tmp_path / "entries.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and all(json.loads(r["urls"]) for r in rows)
    ok(
        "export",
        "parquet",
        "--out",
        tmp_path / "board.parquet",
        "--table",
        "scoreboard",
        "--db",
        db,
    )
    assert pq.read_table(tmp_path / "board.parquet").num_rows == 3
    ok("export", "json", "--out", tmp_path / "all.json", "--db", db)
    tables = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert set(tables) == {"entries", "facts", "scoreboard", "evidence"}
    result = ok("export", "xlsx", "--out", tmp_path / "facts.xlsx", "--table", "facts", "--db", db)
    assert "wrote" in result.stderr and "7 facts" in result.stderr
    book = openpyxl.load_workbook(tmp_path / "facts.xlsx", read_only=True)
    try:
        assert book.sheetnames == ["facts"]
    finally:
        book.close()


def test_export_refuses_what_it_cannot_write(db: Path, tmp_path: Path) -> None:
    assert "unknown format 'pdf'" in refused("export", "pdf", "--out", tmp_path / "x", "--db", db)
    out = tmp_path / "x.csv"
    assert "unknown table 'money'" in refused(
        "export", "csv", "--out", out, "--table", "money", "--db", db
    )
    assert "cannot write" in refused(
        "export", "csv", "--out", tmp_path / "no" / "x.csv", "--db", db
    )


def test_review_decisions_change_the_scoreboard_and_are_logged(db: Path) -> None:
    nor = fact_id(db, "NOR", 10_000_000, "2025-03-03")
    fin = fact_id(db, "FIN", 8_000_000, "2025-04-01")
    fund = fact_id(db, "FIN", 8_000_000, "2025-04-02")
    dnk = fact_id(db, "DNK", 20_000_000, "2025-03-10")
    before = partners(db)
    result = ok("review", "confirm", nor, "--why", "the MoD figure", "--by", "ana", "--db", db)
    assert "decision #1: confirm 1 fact(s) by ana" in result.stdout
    after = partners(db)
    assert (before["NOR"]["conflicts"], after["NOR"]["conflicts"]) == (1, 0)
    assert after["NOR"]["eur"] == pytest.approx(10_000_000)
    ok("review", "reject", fin, "--why", "an op-ed", "--by", "bo", "--db", db)
    assert partners(db)["FIN"]["eur"] == pytest.approx(8_000_000)
    ok("review", "correct", fund, "--set", "amount=9000000", "--set", "status=pledged",
       "--why", "the release", "--by", "ana", "--db", db)  # fmt: skip
    assert partners(db)["FIN"]["eur"] == pytest.approx(9_000_000)
    assert partners(db)["DNK"]["eur"] == pytest.approx(20_000_000)
    ok("review", "split", dnk, "--why", "a second tranche", "--by", "ana", "--db", db)
    assert partners(db)["DNK"]["eur"] == pytest.approx(40_000_000)
    log = json.loads(ok("review", "log", "--db", db, "--json").stdout)
    assert [d["action"] for d in log] == ["confirm", "reject", "correct", "split"]
    assert [d["by"] for d in log] == ["ana", "bo", "ana", "ana"]
    assert [d["id"] for d in log] == [1, 2, 3, 4]
    assert log[2]["fields"] == {"amount": 9_000_000, "status": "pledged"}
    assert all(d["why"] and d["at"] and len(d["fact_keys"]) == 1 for d in log)
    assert "an op-ed" in ok("review", "log", "--db", db).stdout


def test_review_merge_takes_entry_keys_and_fact_ids(db: Path) -> None:
    fin = [
        e for e in json.loads(ok("entries", "--db", db, "--json").stdout) if e["funder"] == ["FIN"]
    ]
    ok("review", "merge", fin[0]["key"][:10], fact_id(db, "FIN", 8_000_000, "2025-04-02"),
       "--why", "one contribution", "--by", "ana", "--db", db)  # fmt: skip
    assert partners(db)["FIN"]["eur"] == pytest.approx(8_000_000)


def test_review_uses_coprod_user_when_no_one_is_named(db: Path) -> None:
    fin = fact_id(db, "FIN", 8_000_000, "2025-04-01")
    result = coprod("review", "reject", fin, "--why", "dup", "--db", db, env={"COPROD_USER": "eve"})
    assert result.exit_code == 0, result.output
    assert json.loads(ok("review", "log", "--db", db, "--json").stdout)[0]["by"] == "eve"


def test_review_refuses_bad_decisions_in_one_line(db: Path) -> None:
    fin = fact_id(db, "FIN", 8_000_000, "2025-04-01")
    assert "no fact with id 999" in refused("review", "reject", "999", "--why", "x", "--db", db)
    assert "say why" in refused("review", "reject", fin, "--why", " ", "--db", db)
    assert "no correctable field 'colour'" in refused(
        "review", "correct", fin, "--set", "colour=red", "--why", "x", "--db", db
    )
    assert "status must be one of" in refused(
        "review", "correct", fin, "--set", "status=given", "--why", "x", "--db", db
    )
    assert "expected name=value" in refused(
        "review", "correct", fin, "--set", "amount", "--why", "x", "--db", db
    )
    assert "merge needs two facts" in refused("review", "merge", fin, "--why", "x", "--db", db)
    assert "neither a fact id nor an entry key" in refused(
        "review", "merge", fin, "abc", "--why", "x", "--db", db
    )
    assert json.loads(ok("review", "log", "--db", db, "--json").stdout) == []


def _world_bank_csv(tmp_path: Path, dnk_2025: str) -> Path:
    """The World Bank's wide download: BOM, metadata lines, a column per year, CRLF."""
    years = ["2023", "2024", "2025"]
    head = '"Country Name","Country Code","Indicator Name","Indicator Code",'
    head += ",".join(f'"{y}"' for y in years) + ","
    rows = [
        ["Denmark", "DNK", "GDP (current US$)", INDICATOR, "4.0e11", "4.1e11", dnk_2025],
        ["Norway", "NOR", "GDP (current US$)", INDICATOR, "4.8e11", "", ""],
    ]
    lines = [
        '"Data Source","World Development Indicators",',
        "",
        '"Last Updated Date","2026-07-01",',
        "",
        head,
        *(",".join(f'"{c}"' for c in row) + "," for row in rows),
    ]
    path = tmp_path / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_9.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n")
    return path


def test_gdp_load_changes_the_share_of_gdp(db: Path, tmp_path: Path) -> None:
    shipped = partners(db)["DNK"]
    result = ok("gdp", "load", _world_bank_csv(tmp_path, "1000000000"), "--db", db)
    assert "loaded 4 GDP figures for 2 countries, 2023–2025" in result.stdout
    loaded = partners(db)["DNK"]
    assert loaded["gdp_share_pct"] != shipped["gdp_share_pct"]
    assert (loaded["gdp_year"], loaded["gdp_usd"]) == (2025, 1e9)
    assert loaded["gdp_share_pct"] == pytest.approx(100 * loaded["usd"] / 1e9)
    shown = json.loads(ok("gdp", "show", "dnk", "--year", "2025", "--db", db, "--json").stdout)
    assert (shown["iso3"], shown["year"], shown["gdp_usd"]) == ("DNK", 2025, 1e9)
    nor = json.loads(ok("gdp", "show", "NOR", "--year", "2025", "--db", db, "--json").stdout)
    assert nor["year"] <= 2025
    assert "DNK 2025: USD 1,000,000,000" in ok("gdp", "show", "DNK", "--db", db).stdout


def test_gdp_commands_refuse_in_one_line(db: Path, tmp_path: Path) -> None:
    assert "no GDP figure for XXX in or before 2025" in refused("gdp", "show", "xxx", "--db", db)
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,gdp,file\n1,2,3,4\n", encoding="utf-8")
    assert "bad.csv" in refused("gdp", "load", bad, "--db", db)
    assert "cannot be read" in refused("gdp", "load", tmp_path / "missing.csv", "--db", db)
    garbled = refused("gdp", "load", _world_bank_csv(tmp_path, "lots"), "--db", db)
    assert "line 6: 'lots' is not a number" in garbled
