"""The ledger's commands, through Typer's runner and through the installed console script."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from coprod.errors import InputError, StoreError, StrictModeError
from coprod.store import Store
from coprod.views.cli._app import app
from coprod.views.cli.ledger import DEMO_HTML
from tests.ingest.wire import ORIGINAL, REPUBLISHED, UKRAINIAN, UNRELATED
from tests.samples import DENMARK, LITHUANIA, filled_store
from tests.web import STORIES, Reply, article, rss, serve

runner = CliRunner()


def coprod(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """Run a command as on a terminal 200 columns wide."""
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200", **(env or {})})


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "denmark.txt").write_text(DENMARK.text, encoding="utf-8")
    (folder / "lithuania.txt").write_text(LITHUANIA.text, encoding="utf-8")
    (folder / "blank.txt").write_text("\n\n", encoding="utf-8")
    return folder


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    filled_store(tmp_path / "facts.db").close()
    return tmp_path / "facts.db"


def test_ingest_reports_new_known_and_each_skip(tmp_path: Path, inputs: Path) -> None:
    db = tmp_path / "ledger.db"
    first = coprod("ingest", inputs, tmp_path / "nope.txt", "--db", db)
    assert first.exit_code == 0, first.output
    assert "new documents  2" in first.stdout
    assert "blank.txt: empty or whitespace only" in first.stdout
    assert "nope.txt" in first.stdout
    again = coprod("ingest", inputs, "--db", db, "--json")
    report = json.loads(again.stdout)
    assert (report["new"], report["known"]) == (0, 2)
    assert [s["source"] for s in report["skipped"]["empty"]] == [str(inputs / "blank.txt")]


def test_strict_fails_only_when_something_was_skipped(tmp_path: Path, inputs: Path) -> None:
    db = tmp_path / "ledger.db"
    skipped = coprod("ingest", inputs, "--db", db, "--strict")
    assert skipped.exit_code == StrictModeError.exit_code
    assert "1 input(s) skipped" in skipped.stderr
    clean = coprod("ingest", inputs / "denmark.txt", "--db", db, "--strict")
    assert clean.exit_code == 0


def test_status_counts_what_the_ledger_holds(ledger: Path) -> None:
    result = coprod("status", "--db", ledger, "--json")
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    assert status["documents"] == 3
    assert status["facts"] == {"commitment": 2, "gdp_pledge": 1, "agreement": 1, "target": 0 + 1}
    assert "documents" in coprod("status", "--db", ledger).stdout


def test_reading_a_missing_ledger_fails_without_creating_it(tmp_path: Path) -> None:
    for command in ("status", "facts", "report"):
        result = coprod(command, "--db", tmp_path / "typo.db")
        assert result.exit_code == StoreError.exit_code
        assert "no ledger at" in result.stderr
    assert not (tmp_path / "typo.db").exists()


def test_facts_as_json_and_csv_with_their_sources(ledger: Path) -> None:
    rows = json.loads(coprod("facts", "--db", ledger, "--format", "json").stdout)
    assert len(rows) == 5
    assert all(row["document_url"] and row["evidence"] for row in rows)
    text = coprod("facts", "--db", ledger, "--format", "csv", "--type", "commitment").stdout
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert [p["currency"] for p in parsed] == ["DKK", "EUR"]
    table = coprod("facts", "--db", ledger, "--funder", "LTU").stdout
    assert "https://example.org/lithuania" in table and "facts: 2" in table


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--type", "agreement"], ["agreement"]),
        (["--funder", "dnk"], ["commitment"]),
        (["--party", "DNK"], ["agreement"]),
        (["--mechanism", "ukrainian_industry", "--until", "2025-06-09"], ["commitment"]),
        (["--since", "2025-06-10", "--type", "gdp_pledge"], ["gdp_pledge"]),
    ],
)
def test_facts_filters(ledger: Path, flags: list[str], expected: list[str]) -> None:
    result = coprod("facts", "--db", ledger, "--format", "json", *flags)
    assert [row["type"] for row in json.loads(result.stdout)] == expected


@pytest.mark.parametrize(
    "flags", [["--type", "pledge"], ["--mechanism", "gift"], ["--since", "2025-13-01"]]
)
def test_facts_rejects_unknown_values(ledger: Path, flags: list[str]) -> None:
    assert coprod("facts", "--db", ledger, *flags).exit_code == 2


def test_report_prints_per_partner_and_writes_html(ledger: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = coprod("report", "--db", ledger, "--html", page)
    assert result.exit_code == 0, result.output
    assert "DKK 1,300,000,000" in result.stdout
    assert "DNK" in result.stdout and "ukrainian_industry / allocated" in result.stdout
    assert "0.25% of GDP" in page.read_text(encoding="utf-8")
    data = json.loads(coprod("report", "--db", ledger, "--json").stdout)
    assert [p["partner"] for p in data["partners"]] == ["DNK", "LTU", "UKR"]


def test_report_cannot_write_into_a_missing_folder(ledger: Path, tmp_path: Path) -> None:
    result = coprod("report", "--db", ledger, "--html", tmp_path / "no" / "r.html")
    assert result.exit_code == InputError.exit_code
    assert "cannot write" in result.stderr


def test_the_ledger_is_db_else_coprod_db_else_coprod_db_here(
    tmp_path: Path, inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COPROD_DB", raising=False)
    coprod("ingest", inputs / "denmark.txt")
    assert (tmp_path / "coprod.db").exists()
    coprod("ingest", inputs / "denmark.txt", env={"COPROD_DB": "env.db"})
    assert (tmp_path / "env.db").exists()
    result = coprod("config", "--json", "--db", "flag.db", env={"COPROD_DB": "env.db"})
    assert json.loads(result.stdout)["db"] == "flag.db"
    assert "COPROD_BATCH_SIZE" in coprod("config").stdout


def test_config_never_prints_a_password() -> None:
    result = coprod("config", "--json", "--db", "postgresql://ana:secret@db.example/coprod")
    assert json.loads(result.stdout)["db"] == "postgresql://ana:***@db.example/coprod"


def test_a_bad_setting_is_one_clear_error() -> None:
    result = coprod("config", env={"COPROD_BATCH_SIZE": "many"})
    assert result.exit_code == InputError.exit_code
    assert "COPROD_" in result.stderr


def test_demo_builds_a_fresh_ledger_and_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = coprod("demo")
    assert first.exit_code == 0, first.output
    assert "Totals add each partner" in first.stdout
    assert "<!DOCTYPE html>" in (tmp_path / DEMO_HTML).read_text(encoding="utf-8")
    assert coprod("demo").exit_code == 0  # replaced, not added to
    with Store.open(str(tmp_path / "coprod-demo.db")) as store:
        assert [run["label"] for run in store.runs()] == ["demo"]
        assert store.counts().documents > 0


def test_demo_never_replaces_a_ledger_of_real_runs(tmp_path: Path, inputs: Path) -> None:
    db = tmp_path / "mine.db"
    coprod("ingest", inputs, "--db", db)
    before = db.read_bytes()
    result = coprod("demo", "--db", db)
    assert result.exit_code == InputError.exit_code
    assert "not the demo's" in result.stderr
    assert db.read_bytes() == before


def test_the_installed_console_script_runs(tmp_path: Path, inputs: Path) -> None:
    script = Path(sys.executable).with_name("coprod")
    executable = str(script) if script.exists() else shutil.which("coprod")
    assert executable is not None, "the coprod console script is not installed"
    db = str(tmp_path / "ledger.db")
    ingest = subprocess.run(
        [executable, "ingest", str(inputs), "--db", db], capture_output=True, text=True, check=False
    )
    assert ingest.returncode == 0, ingest.stderr
    status = subprocess.run(
        [executable, "status", "--db", db, "--json"], capture_output=True, text=True, check=True
    )
    assert json.loads(status.stdout)["documents"] == 2


@pytest.fixture
def wire_ledger(tmp_path: Path) -> tuple[Path, Result]:
    """A wire story, its republication, another story, a Ukrainian article, and the wire
    story's text once more from a second folder; ingested into a fresh ledger."""
    records = [
        {"id": "wire", "url": "https://wire.example/dk", "date": "2025-07-04", "text": ORIGINAL},
        {
            "id": "copy",
            "url": "https://paper.example/dk",
            "date": "2025-07-05",
            "text": REPUBLISHED,
        },
        {"id": "lt", "url": "https://wire.example/lt", "date": "2025-03-03", "text": UNRELATED},
        {"id": "uk", "url": "https://ua.example/dk", "date": "2025-07-04", "text": UKRAINIAN},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(map(json.dumps, records)), encoding="utf-8")
    (tmp_path / "mirror").mkdir()
    (tmp_path / "mirror" / "wire.txt").write_text(ORIGINAL, encoding="utf-8")
    db = tmp_path / "wire.db"
    result = coprod("ingest", tmp_path / "feed.jsonl", tmp_path / "mirror", "--db", db)
    assert result.exit_code == 0, result.output
    return db, result


def test_ingest_names_republished_stories_and_languages_not_extracted(
    wire_ledger: tuple[Path, Result],
) -> None:
    _, result = wire_ledger
    assert "republished stories" in result.stdout
    assert "stored, not extracted (language uk)  1" in result.stdout


def test_status_counts_duplicates_and_languages(wire_ledger: tuple[Path, Result]) -> None:
    db, _ = wire_ledger
    status = json.loads(coprod("status", "--db", db, "--json").stdout)
    assert status["documents"] == 4
    assert status["duplicates"] == {"exact": 1, "near": 1}
    assert (status["languages"], status["not_extracted"]) == ({"en": 3, "uk": 1}, 1)
    table = coprod("status", "--db", db).stdout
    assert "duplicates: near" in table and "language: uk" in table


def test_a_republished_story_s_facts_are_listed_once(wire_ledger: tuple[Path, Result]) -> None:
    db, _ = wire_ledger
    once = json.loads(coprod("facts", "--db", db, "--format", "json").stdout)
    every = json.loads(coprod("facts", "--db", db, "--format", "json", "--all-copies").stdout)
    assert {row["document_id"] for row in once} == {"wire", "lt"}
    assert {row["document_id"] for row in every} == {"wire", "copy", "lt"}
    copies = [row for row in every if row["document_id"] == "copy"]
    assert len(once) + len(copies) == len(every)
    status = json.loads(coprod("status", "--db", db, "--json").stdout)
    assert sum(status["facts"].values()) == len(once)


def test_the_report_counts_a_story_once_and_shows_where_it_was_republished(
    wire_ledger: tuple[Path, Result], tmp_path: Path
) -> None:
    db, _ = wire_ledger
    page = tmp_path / "report.html"
    text = coprod("report", "--db", db, "--html", page).stdout
    assert "also published as: https://paper.example/dk" in text
    assert 'href="https://paper.example/dk"' in page.read_text(encoding="utf-8")
    data = json.loads(coprod("report", "--db", db, "--json").stdout)
    assert data["republished"][0]["copies"] == ["https://paper.example/dk"]
    urls = {
        row["document_url"]
        for partner in data["partners"]
        for kind in ("gdp_pledges", "targets")
        for row in partner[kind]
    } | {
        row["document_url"]
        for partner in data["partners"]
        for kind in ("commitments", "agreements")
        for group in partner[kind]
        for row in group["facts"]
    }
    assert "https://paper.example/dk" not in urls


WEB_ENV = {"COPROD_HOST_RATE": "0", "COPROD_FETCH_TIMEOUT": "1", "COPROD_FETCH_RETRIES": "0"}


def test_ingest_fetches_urls_and_reads_local_feeds_beside_files(tmp_path: Path) -> None:
    routes = {
        "/a.html": Reply(article("Denmark", STORIES["denmark"])),
        "/d.html": Reply(article("Canada", STORIES["canada"])),
    }
    with serve(routes) as site:  # type: ignore[arg-type]
        feed = tmp_path / "feed.xml"
        day = "Fri, 04 Jul 2025 10:00:00 GMT"
        feed.write_bytes(rss([(site.url("/d.html"), "D", day)]))
        (tmp_path / "lt.txt").write_text(LITHUANIA.text, encoding="utf-8")
        db = tmp_path / "web.db"
        args = [site.url("/a.html"), site.url("/gone.html"), feed, tmp_path / "lt.txt"]
        done = coprod("ingest", *args, "--db", db, "--json", env=WEB_ENV)
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert report["new"] == 3
    assert [s["source"] for s in report["skipped"]["not_found_http"]] == [site.url("/gone.html")]
    assert site.hits["/a.html"] == site.hits["/d.html"] == 1
