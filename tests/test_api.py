"""The public Python API: `coprod.__all__` and what each name does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import coprod
from coprod.errors import StoreError
from coprod.extract import extract_facts
from coprod.model import Document
from coprod.store import FACT_ROW_KEYS
from tests.samples import DENMARK, LITHUANIA, filled_store

# The list the README documents; keep the two equal.
DOCUMENTED = [
    "Agreement",
    "Commitment",
    "CoprodError",
    "Document",
    "Fact",
    "GdpPledge",
    "IngestReport",
    "Skipped",
    "Store",
    "Target",
    "entries",
    "export",
    "extract",
    "facts",
    "ingest",
    "review",
    "scoreboard",
]


def test_all_is_what_the_docs_show() -> None:
    assert coprod.__all__ == DOCUMENTED
    assert all(getattr(coprod, name) is not None for name in DOCUMENTED)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = coprod.nothing


def test_ingest_a_folder_then_again(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for doc in (DENMARK, LITHUANIA):
        (tmp_path / "in" / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    db = str(tmp_path / "ledger.db")
    first = coprod.ingest(tmp_path / "in", db=db)
    assert isinstance(first, coprod.IngestReport)
    assert (first.new, first.known, first.skipped) == (2, 0, [])
    again = coprod.ingest([str(tmp_path / "in")], db=db)
    assert (again.new, again.known) == (0, 2)


def test_facts_as_a_dataframe(tmp_path: Path) -> None:
    filled_store(tmp_path / "ledger.db").close()
    frame = coprod.facts(db=str(tmp_path / "ledger.db"), type="commitment")
    assert tuple(frame.columns) == FACT_ROW_KEYS
    assert list(frame["currency"]) == ["DKK", "EUR"]
    assert list(frame["document_url"]) == [DENMARK.url, LITHUANIA.url]
    assert coprod.facts(db=str(tmp_path / "ledger.db"), funder="XXX").empty


def test_facts_never_creates_a_ledger(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no ledger at"):
        coprod.facts(db=str(tmp_path / "typo.db"))
    assert not (tmp_path / "typo.db").exists()


def test_extract_takes_text_or_a_document() -> None:
    dated = Document(id="text", text=DENMARK.text, date="2025-03-01")
    assert coprod.extract(DENMARK.text, date="2025-03-01") == extract_facts(dated)
    assert coprod.extract(DENMARK) == extract_facts(DENMARK)
    assert all(isinstance(fact, coprod.Fact) for fact in coprod.extract(DENMARK))


def test_importing_the_model_leaves_the_database_layer_unloaded() -> None:
    code = "import sys, coprod.model; print('sqlalchemy' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


LEDGER_DOCS = Path(__file__).parent / "fixtures" / "ledger_docs.jsonl"


def test_scoreboard_entries_review_and_export(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    coprod.ingest(LEDGER_DOCS, db=db)
    board = coprod.scoreboard(db=db).set_index("partner")
    assert {"eur", "usd", "gdp_share_pct", "conflicts"} <= set(board.columns)
    assert board.loc["NLD", "conflicts"] == 1
    entries = coprod.entries(db=db, type="commitment")
    revised = entries[entries["conflict"].notna()].iloc[0]
    first_report = revised["urls"][0]
    facts = coprod.facts(db=db, type="commitment", funder="NLD")
    earlier = int(facts[facts["document_url"] == first_report]["id"].iloc[0])
    decision = coprod.review("confirm", [earlier], why="the ministry's letter", by="ana", db=db)
    assert decision >= 1
    after = coprod.scoreboard(db=db).set_index("partner")
    assert after.loc["NLD", "conflicts"] == 0
    assert after.loc["NLD", "eur"] == 350_000_000  # the confirmed, earlier figure now counts
    coprod.export("json", tmp_path / "ledger.json", db=db)
    assert (tmp_path / "ledger.json").read_text(encoding="utf-8").startswith("{")
    with pytest.raises(coprod.CoprodError, match="unknown format"):
        coprod.export("pdf", tmp_path / "x.pdf", db=db)
