"""The ledger's commands: ingest, status, facts, report, demo, config.

Thin: parse arguments, call the library, print. The ledger is `--db PATH` (a SQLite file,
or a database URL), else $COPROD_DB, else coprod.db in the working directory.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console

from coprod.errors import InputError, StrictModeError
from coprod.ingest_web import ingest_inputs, split_inputs
from coprod.model import MECHANISMS, FactType
from coprod.pipeline import IngestReport, ingest_paths
from coprod.scale import dask_client, ingest_scaled
from coprod.settings import Settings
from coprod.store import Store, shown_url
from coprod.views.cli._app import (
    Scheduler,
    Workers,
    app,
    err_console,
    handles_errors,
    say_dashboard,
)
from coprod.views.export import facts_csv, facts_json
from coprod.views.html import render_html
from coprod.views.progress import partition_bar, progress_bar
from coprod.views.report import Report, build_report
from coprod.views.terminal import (
    print_facts,
    print_ingest,
    print_report,
    print_settings,
    print_status,
)

DEMO_DB = "coprod-demo.db"
DEMO_HTML = "coprod-demo.html"
DEMO_LABEL = "demo"  # the run label that marks a ledger the demo may replace

Db = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="Ledger file (or database URL). Default: $COPROD_DB, else ./coprod.db.",
        show_default=False,
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
DAY = ["%Y-%m-%d"]


def _open(settings: Settings, create: bool = False) -> Store:
    """The ledger the settings name; only writing commands create one."""
    return Store.open(settings.db, settings.batch_size, create=create)


def _console() -> Console:
    """Standard output, as wide as the terminal (or $COLUMNS) is when the command runs."""
    return Console()


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_isoformat))


def _isoformat(value: Any) -> str:
    """Times (a run's start and finish) as ISO 8601 text."""
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _settings(db: str | None) -> Settings:
    """The settings, with `--db` over $COPROD_DB; a malformed COPROD_* value is an InputError."""
    return Settings.from_env(db=db)


def _day(value: datetime | None) -> str | None:
    return None if value is None else value.date().isoformat()


def _mechanism(value: str | None) -> str | None:
    if value is not None and value not in MECHANISMS:
        raise typer.BadParameter(f"must be one of {', '.join(MECHANISMS)}")
    return value


def _write_html(report: Report, path: Path) -> None:
    try:
        path.write_text(render_html(report), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    err_console.print(f"wrote {path}", highlight=False, markup=False)


@app.command()
@handles_errors
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH|URL...",
            help="Files or folders of .txt, .html, .jsonl; feed files (.xml); http(s) URLs.",
        ),
    ],
    db: Db = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with code 4 when any input was skipped.")
    ] = False,
    as_json: Json = False,
    workers: Workers = None,
    scheduler: Scheduler = None,
    redo: Annotated[
        bool,
        typer.Option(
            "--redo", help="With --workers/--scheduler: read again partitions already done."
        ),
    ] = False,
    reconcile: Annotated[
        bool,
        typer.Option(
            "--reconcile/--no-reconcile",
            help="Rebuild the ledger's entries after the run (else: `coprod reconcile` later).",
        ),
    ] = True,
) -> None:
    """Read articles into the ledger; print what was new, known, skipped (and why), found.

    --workers N or --scheduler ADDRESS: Dask workers read and extract; this process writes.

    Partitions done are kept in a manifest: run again after a crash to read only the rest."""
    settings = _settings(db)
    if workers is not None or scheduler is not None:
        report = _ingest_scaled(paths, settings, workers, scheduler, redo, reconcile)
    else:
        with _open(settings, create=True) as store, progress_bar(err_console, "ingest") as step:
            report = ingest_inputs(paths, store, settings, step, reconcile=reconcile)
    if as_json:
        _echo_json(report.as_dict())
    else:
        print_ingest(report, _console())
    if strict and report.skipped:
        raise StrictModeError(f"{len(report.skipped)} input(s) skipped, and --strict was given")


def _ingest_scaled(
    paths: list[str],
    settings: Settings,
    workers: int | None,
    scheduler: str | None,
    redo: bool,
    reconcile: bool,
) -> IngestReport:
    """`coprod ingest` on Dask: files only (web inputs are fetched by one polite process)."""
    urls, feed_files, _ = split_inputs(paths)
    if urls or feed_files:
        given = [*urls, *map(str, feed_files)][0]
        raise InputError(f"--workers/--scheduler read files and folders, not web feeds ({given})")
    if scheduler is not None:  # workers elsewhere open files by absolute path
        paths = [str(Path(path).resolve()) for path in paths]
    with dask_client(workers, scheduler) as client, _open(settings, create=True) as store:
        say_dashboard(client)
        with partition_bar(err_console, "ingest") as step:
            return ingest_scaled(
                paths, store, settings, client, step, redo=redo, reconcile=reconcile
            )


@app.command()
@handles_errors
def status(db: Db = None, as_json: Json = False) -> None:
    """What the ledger holds: documents, facts per type, skipped inputs per reason."""
    settings = _settings(db)
    with _open(settings) as store:
        counts, runs = store.counts(), store.runs()
    last_run = runs[0] if runs else None
    if as_json:
        _echo_json({"db": shown_url(settings.db), **counts.as_dict(), "last_run": last_run})
    else:
        print_status(shown_url(settings.db), counts, last_run, _console())


@app.command()
@handles_errors
def facts(
    db: Db = None,
    type_: Annotated[FactType | None, typer.Option("--type", help="Only this type.")] = None,
    funder: Annotated[
        str | None, typer.Option(metavar="CODE", help="Only commitments and GDP pledges by CODE.")
    ] = None,
    party: Annotated[
        str | None, typer.Option(metavar="CODE", help="Only agreements with CODE as a party.")
    ] = None,
    mechanism: Annotated[
        str | None,
        typer.Option(callback=_mechanism, help=f"Only this mechanism: {', '.join(MECHANISMS)}."),
    ] = None,
    since: Annotated[
        datetime | None,
        typer.Option(
            formats=DAY, metavar="YYYY-MM-DD", help="Only sources published then or later."
        ),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option(
            formats=DAY, metavar="YYYY-MM-DD", help="Only sources published then or before."
        ),
    ] = None,
    format_: Annotated[
        Literal["table", "csv", "json"], typer.Option("--format", help="Output format.")
    ] = "table",
    all_copies: Annotated[
        bool,
        typer.Option(
            "--all-copies",
            help="Also each republished copy's facts (a story's facts are listed once).",
        ),
    ] = False,
) -> None:
    """Each fact with its evidence and source URL. Codes: ISO3 (DNK) or organisation (EU)."""
    settings = _settings(db)
    with _open(settings) as store:
        rows = store.facts(
            type=type_,
            funder=funder,
            party=party,
            mechanism=mechanism,
            since=_day(since),
            until=_day(until),
            all_copies=all_copies,
        )
    if format_ == "csv":
        typer.echo(facts_csv(rows), nl=False)
    elif format_ == "json":
        typer.echo(facts_json(rows))
    else:
        print_facts(rows, _console())


@app.command()
@handles_errors
def report(
    db: Db = None,
    html: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Also write the report as one self-contained HTML file."),
    ] = None,
    as_json: Json = False,
) -> None:
    """Per partner: commitments, GDP pledges, agreements and targets, each with its source."""
    settings = _settings(db)
    with _open(settings) as store:
        data = build_report(store)
    if as_json:
        _echo_json(data.as_dict())
    else:
        print_report(data, _console())
    if html is not None:
        _write_html(data, html)


@app.command()
@handles_errors
def demo(
    db: Annotated[
        str, typer.Option("--db", metavar="PATH", help="The demo ledger file, replaced each run.")
    ] = DEMO_DB,
) -> None:
    """Build a fresh ledger from the shipped demo articles; print the report; write the HTML."""
    if "://" in db:
        raise InputError("the demo builds a local file: give --db a path, not a URL")
    _clear_demo_ledger(Path(db))
    articles = _demo_articles()
    settings = _settings(db)
    with _open(settings, create=True) as store, progress_bar(err_console, "demo") as step:
        run = ingest_paths([articles], store, settings, step, label=DEMO_LABEL)
        data = build_report(store)
    console = _console()
    print_ingest(run, console)
    print_report(data, console)
    _write_html(data, Path(DEMO_HTML))


def _demo_articles() -> Path:
    path = Path(str(resources.files("coprod.demo") / "articles.jsonl"))
    if not path.is_file():
        raise InputError(f"the demo articles are missing from this installation ({path})")
    return path


def _clear_demo_ledger(path: Path) -> None:
    """Delete the last demo ledger, but never one that other commands have written to."""
    if not path.exists():
        return
    with Store.open(str(path)) as store:
        labels = {run["label"] for run in store.runs()}
    if labels - {DEMO_LABEL}:
        raise InputError(f"{path} holds a ledger that is not the demo's; not replacing it")
    for suffix in ("", "-journal", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


@app.command()
@handles_errors
def config(db: Db = None, as_json: Json = False) -> None:
    """The effective settings: defaults, then COPROD_* variables, then flags."""
    settings = _settings(db)
    shown = replace(settings, db=shown_url(settings.db))  # never print a password
    if as_json:
        _echo_json(shown.as_dict())
    else:
        print_settings(shown, _console())
