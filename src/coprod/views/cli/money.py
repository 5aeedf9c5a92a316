"""The reconciled ledger's commands: reconcile, scoreboard, entries, export, gdp.

`ingest` reconciles after every run; `coprod reconcile` does it on demand (after loading
GDP, say, or upgrading coprod). Views read the entries the last reconciliation left.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from coprod.errors import InputError
from coprod.reconcile import reconcile_store
from coprod.reconcile.gdp import parse_world_bank_csv
from coprod.views.cli._app import app, err_console, handles_errors
from coprod.views.cli.ledger import Db, Json, _console, _echo_json, _open, _settings
from coprod.views.export import (
    DEFAULT_TABLE,
    FORMATS,
    ONE_TABLE,
    TABLES,
    export_tables,
    write_export,
)
from coprod.views.ledger_terminal import print_entries, print_entry, print_scoreboard
from coprod.views.scoreboard import build_scoreboard, gdp_table
from coprod.views.terminal import ledger_line

EntryType = Literal["commitment", "gdp_pledge", "agreement", "target"]


@app.command()
@handles_errors
def reconcile(db: Db = None, as_json: Json = False) -> None:
    """Rebuild the ledger entries from every fact and analysts' decision."""
    with _open(_settings(db)) as store:
        summary = reconcile_store(store)
    if as_json:
        _echo_json(summary.as_dict())
    else:
        typer.echo(f"ledger: {ledger_line(summary.as_dict())}")


@app.command()
@handles_errors
def scoreboard(db: Db = None, as_json: Json = False) -> None:
    """One row per partner: counted EUR and USD, share of GDP against 0.25%, conflicts."""
    with _open(_settings(db)) as store:
        board = build_scoreboard(store)
    if as_json:
        _echo_json(board.as_dict())
    else:
        print_scoreboard(board, _console())


@app.command()
@handles_errors
def entries(
    key: Annotated[
        str | None, typer.Argument(metavar="[KEY]", help="Show this entry (a key prefix will do).")
    ] = None,
    db: Db = None,
    type_: Annotated[EntryType | None, typer.Option("--type", help="Only this type.")] = None,
    partner: Annotated[
        str | None, typer.Option(metavar="CODE", help="Only entries of this funder or party.")
    ] = None,
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Only entries with an open conflict.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Ledger entries: one per real deal, with every report that states it."""
    with _open(_settings(db)) as store:
        rows = store.entries(type_)
        if partner:
            code = partner.upper()
            rows = [r for r in rows if code in (r["funder"] or []) + (r["parties"] or [])]
        if conflicts:
            rows = [r for r in rows if r["conflict"]]
        if key is not None:
            rows = [r for r in rows if r["key"].startswith(key.lower())]
            if len(rows) != 1:
                raise InputError(f"{len(rows)} entries have a key starting {key!r}")
            evidence = store.evidence(rows[0]["key"])
    if key is not None and as_json:
        _echo_json(rows[0] | {"evidence": evidence})
    elif key is not None:
        print_entry(rows[0], evidence, _console())
    elif as_json:
        _echo_json(rows)
    else:
        print_entries(rows, _console())


@app.command()
@handles_errors
def export(
    format_: Annotated[
        str, typer.Argument(metavar="FORMAT", help=f"One of: {', '.join(FORMATS)}.")
    ],
    out: Annotated[Path, typer.Option("--out", metavar="FILE", help="The file to write.")],
    table: Annotated[
        str | None,
        typer.Option(
            metavar="TABLE",
            help=f"One of {', '.join(TABLES)}. csv and parquet: one table (default "
            f"{DEFAULT_TABLE}); xlsx and json: all unless one is named.",
        ),
    ] = None,
    db: Db = None,
) -> None:
    """Write facts, ledger entries, evidence and the scoreboard, with source URLs."""
    names = [table] if table else ([DEFAULT_TABLE] if format_ in ONE_TABLE else list(TABLES))
    with _open(_settings(db)) as store:
        written = write_export(format_, export_tables(store, names), out)
    shown = ", ".join(f"{n} {name}" for name, n in written.items())
    err_console.print(f"wrote {out} ({shown})", highlight=False, markup=False)


gdp_app = typer.Typer(help="GDP figures (current US$, World Bank WDI NY.GDP.MKTP.CD).")
app.add_typer(gdp_app, name="gdp")


@gdp_app.command("load")
@handles_errors
def gdp_load(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A World Bank GDP CSV.")],
    db: Db = None,
) -> None:
    """Load a newer World Bank GDP file (the API_NY.GDP.MKTP.CD download); it overrides
    the shipped figures in this ledger. Reconciles nothing: GDP only changes the shares."""
    figures = parse_world_bank_csv(file)
    if not figures:
        raise InputError(f"{file}: no GDP figure found")
    rows = [
        {"iso3": f.iso3, "year": f.year, "gdp_usd": f.gdp_usd, "source": f.source} for f in figures
    ]
    with _open(_settings(db), create=True) as store:
        n = store.load_gdp(rows)
    years = sorted({f.year for f in figures})
    typer.echo(
        f"loaded {n} GDP figures for {len({f.iso3 for f in figures})} countries, "
        f"{years[0]}–{years[-1]}, from {file.name}"
    )


@gdp_app.command("show")
@handles_errors
def gdp_show(
    code: Annotated[str, typer.Argument(metavar="ISO3", help="A country code, e.g. DNK.")],
    year: Annotated[int, typer.Option(help="The year whose GDP to look up.")] = 2025,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """The GDP figure coprod uses for a country and year (the latest published up to it)."""
    with _open(_settings(db)) as store:
        figure = gdp_table(store).lookup(code, year)
    if figure is None:
        raise InputError(f"no GDP figure for {code.upper()} in or before {year}")
    if as_json:
        _echo_json(figure.__dict__)
    else:
        typer.echo(f"{figure.iso3} {figure.year}: USD {figure.gdp_usd:,.0f} ({figure.source})")
