"""`coprod extract` and `coprod eval`: facts from JSONL documents, and their score.

Both are stateless: no ledger is opened. `extract` prints one JSON line per document;
`eval` scores the extractor (or a saved predictions file) against gold facts by the
rules of GUIDELINE.md and names the corpus it scored by digest.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Annotated, BinaryIO, TextIO

import typer
from rich.console import Console
from rich.table import Table

from coprod.errors import InputError
from coprod.evaluation import Miss, Report, evaluate_files, prediction, read_documents
from coprod.extract import extract_facts
from coprod.model import Skipped
from coprod.scale import dask_client, extract_scaled
from coprod.settings import Settings
from coprod.views.cli._app import (
    Scheduler,
    Workers,
    app,
    err_console,
    handles_errors,
    say_dashboard,
)

STDIO = "-"  # the file name that means stdin
STDIN_NAME = "<stdin>"  # how skipped lines of stdin are named


@contextmanager
def _input(name: str) -> Iterator[BinaryIO]:
    """The named file opened for reading bytes, or stdin for '-'."""
    if name == STDIO:
        yield typer.get_binary_stream("stdin")
        return
    try:
        stream = Path(name).open("rb")  # noqa: SIM115 -- closed by the `with` below
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
    with stream:
        yield stream


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """The named file opened for writing text, or stdout."""
    if path is None:
        yield sys.stdout
        return
    try:
        stream = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    with stream:
        yield stream


def _report_skip(item: Skipped) -> None:
    detail = f" ({item.detail})" if item.detail else ""
    message = f"skipped {item.source}: {item.reason}{detail}"
    err_console.print(message, markup=False, highlight=False, soft_wrap=True)


@app.command("extract")
@handles_errors
def extract_command(
    docs: Annotated[
        list[str],
        typer.Argument(
            metavar="DOCS...", help="JSONL documents (id, text, lang, ...); '-': stdin."
        ),
    ],
    out: Annotated[Path | None, typer.Option("--out", help="Write here, not stdout.")] = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
) -> None:
    """Extract facts: one JSON line {"id", "facts"} per document, in input order.

    Stateless (no ledger). A bad line is reported on stderr, counted and skipped.

    --workers N or --scheduler ADDRESS: Dask workers extract; the output is the same."""
    settings = Settings.from_env()
    if workers is not None or scheduler is not None:
        if STDIO in docs:
            raise InputError("stdin cannot be shared out to workers: give files with --workers")
        with dask_client(workers, scheduler) as client, _output(out) as sink:
            say_dashboard(client)
            skipped = extract_scaled(docs, sink, settings, client, _report_skip)
    else:
        skipped = 0
        with _output(out) as sink:
            for name in docs:
                skipped += _extract_one(name, sink, settings)
    if skipped:
        err_console.print(f"{skipped} line(s) skipped", markup=False, highlight=False)


def _extract_one(name: str, sink: TextIO, settings: Settings) -> int:
    """Extract the documents of one file (or stdin) into `sink`; how many lines were skipped."""
    skipped = 0
    with _input(name) as stream:
        source = STDIN_NAME if name == STDIO else name
        for item in read_documents(stream, source, settings):
            if isinstance(item, Skipped):
                skipped += 1
                _report_skip(item)
            else:
                sink.write(json.dumps(prediction(item, extract_facts), ensure_ascii=False) + "\n")
    return skipped


@app.command("eval")
@handles_errors
def eval_command(
    docs: Annotated[Path, typer.Argument(help="JSONL documents (id, text, lang, kind, ...).")],
    gold: Annotated[Path, typer.Argument(help="JSONL gold facts: {id, facts} per document.")],
    lang: Annotated[str | None, typer.Option("--lang", help="Score only this language.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    misses: Annotated[
        bool, typer.Option("--misses", help="List false positives and negatives.")
    ] = False,
    pred: Annotated[
        Path | None, typer.Option("--pred", help="Score these saved predictions instead.")
    ] = None,
) -> None:
    """Score the extractor against gold facts (GUIDELINE.md's rules): P/R/F1 per type."""
    report = evaluate_files(
        docs,
        gold,
        lang=lang,
        predictions_path=pred,
        extractor=extract_facts,
        settings=Settings.from_env(),
    )
    if json_out:
        typer.echo(json.dumps(report.to_json(misses=misses), ensure_ascii=False, indent=2))
        return
    _print_report(Console(), report, show_languages=lang is None, show_misses=misses)


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _print_report(
    console: Console, report: Report, *, show_languages: bool, show_misses: bool
) -> None:
    names = " ".join(f"{k} {v}" for k, v in report.digest.items())
    console.print(f"scored {report.documents} documents; sha256 {names}", markup=False)
    console.print(_types_table(report))
    console.print(_attributes_table(report))
    if show_languages:
        console.print(_languages_table(report))
    if show_misses:
        _print_misses(console, report.misses)


def _types_table(report: Report) -> Table:
    table = Table("type", "P", "R", "F1", "tp", "fp", "fn", title="facts")
    rows = [*report.types.items(), ("overall (micro)", report.overall)]
    for name, c in rows:
        figures = (_figure(c.precision), _figure(c.recall), _figure(c.f1))
        table.add_row(name, *figures, str(c.tp), str(c.fp), str(c.fn))
    return table


def _attributes_table(report: Report) -> Table:
    table = Table("attribute", "accuracy", "n", title="attributes of matched facts")
    for name, accuracy in report.attributes.items():
        table.add_row(name, _figure(accuracy.accuracy), str(accuracy.n))
    return table


def _languages_table(report: Report) -> Table:
    table = Table("lang", "documents", "R", "tp", "fn", "fp", title="recall by language")
    for lang, c in sorted(report.languages.items()):
        docs = str(report.language_documents[lang])
        table.add_row(lang, docs, _figure(c.recall), str(c.tp), str(c.fn), str(c.fp))
    return table


def _print_misses(console: Console, misses: list[Miss]) -> None:
    for doc_id, group in groupby(misses, key=lambda m: m.doc_id):
        console.print(doc_id, style="bold", markup=False, highlight=False)
        for miss in group:
            keys = " ".join(
                f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in miss.key_fields().items()
            )
            console.print(f"  {miss.kind.upper()} {miss.fact['type']} {keys}", markup=False)
            console.print(f"     “{miss.fact.get('evidence') or ''}”", markup=False, style="dim")
