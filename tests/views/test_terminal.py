"""Terminal renderings: every figure with its source, and ledger text never read as markup."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from coprod.model import Skipped
from coprod.pipeline import IngestReport, ingest_paths
from coprod.settings import Settings
from coprod.store import Store
from coprod.views.report import build_report
from coprod.views.terminal import (
    print_facts,
    print_ingest,
    print_report,
    print_settings,
    print_status,
)
from tests.samples import DENMARK, filled_store

FIXTURES = Path(__file__).parents[1] / "fixtures"


def console() -> Console:
    return Console(file=io.StringIO(), width=200)


def text(out: Console) -> str:
    file = out.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def test_an_ingest_names_each_problem() -> None:
    report = IngestReport(run_id=1, new=2, known=1, facts={"commitment": 3, "target": 0})
    report.skipped += [Skipped("a.txt", "empty", "whitespace only"), Skipped("[b].txt", "binary")]
    out = console()
    print_ingest(report, out)
    shown = text(out)
    for line in ("new documents  2", "already known  1", "facts found    3 (3 commitment)"):
        assert line in shown
    assert "skipped: empty (1)\n  a.txt: whitespace only" in shown
    assert "  [b].txt: binary" in shown


def test_status_facts_and_report_show_sources(tmp_path: Path) -> None:
    out = console()
    with filled_store(tmp_path / "ledger.db") as store:
        print_status("ledger.db", store.counts(), store.runs()[0] if store.runs() else None, out)
        print_facts(store.facts(funder="DNK"), out)
        print_report(build_report(store), out)
    shown = text(out)
    assert "facts: commitment │ 2" in shown
    assert DENMARK.url is not None and DENMARK.url in shown
    assert "ukrainian_industry / allocated" in shown
    assert "Totals add each partner" in shown


def test_ledger_text_is_never_markup(tmp_path: Path) -> None:
    out = console()
    with filled_store(tmp_path / "[red]ledger.db") as store:
        rows = [row | {"evidence": "[bold]Denmark[/bold] gives"} for row in store.facts()]
        print_status(str(tmp_path / "[red]ledger.db"), store.counts(), None, out)
    print_facts(rows, out)
    assert "[bold]Denmark[/bold] gives" in text(out)
    assert "[red]ledger.db" in text(out)


def test_settings_name_their_variables() -> None:
    out = console()
    print_settings(Settings(db="[x].db"), out)
    assert "COPROD_BATCH_SIZE" in text(out)
    assert "[x].db" in text(out)


def test_an_ingest_names_the_interrupted_runs_it_completes() -> None:
    out = console()
    print_ingest(IngestReport(run_id=3, interrupted_runs=[1, 2]), out)
    assert "run #1, #2 was interrupted" in text(out)


def test_the_report_opens_with_the_scoreboard_and_conflicts_in_80_columns(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with Store.open(str(db)) as store:
        ingest_paths([FIXTURES / "ledger_docs.jsonl"], store, Settings(db=str(db)))
        report = build_report(store)
    out = Console(file=io.StringIO(), width=80)
    print_report(report, out)
    shown = text(out)
    board = shown.split("Where partners stand", 1)[1].split("to review:", 1)[0]
    assert all(len(line) <= 80 for line in board.splitlines())
    for header in ("EUR m", "USD m", "% of GDP", "joint EUR m", "conflicts"):
        assert header in board
    nld = next(line for line in board.splitlines() if "NLD" in line)
    assert nld.split("│")[2].strip() == "400.0"  # EUR 400,000,000 in millions
    assert nld.split("│")[-2].strip() == "1"  # its open conflict
    deu = next(line for line in board.splitlines() if "DEU" in line)
    assert deu.split("│")[5].strip() == "150.0"  # its share of a joint sum, apart
    review = shown.split("to review:", 1)[1]
    assert review.lstrip().startswith("NLD commitment")
    assert "figures disagree" in review
    assert shown.index("to review:") < shown.index("commitment │")  # before each partner
