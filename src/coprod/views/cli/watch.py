"""`coprod watch`: poll feeds (or pages) and ingest each new article, round after round.

Each round is one run in the ledger, labelled `watch`. Feeds are asked for conditionally
and entries already fetched are not fetched again, so a round over unchanged feeds sends
one request per feed. `--once` does one round and exits: the form for cron.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Annotated

import typer
from rich.console import Console

from coprod.errors import InputError
from coprod.ingest.fetch import make_client
from coprod.ingest_web import ingest_urls
from coprod.pipeline import IngestReport
from coprod.settings import Settings
from coprod.views.cli._app import app, err_console, handles_errors
from coprod.views.cli.ledger import Db, _open
from coprod.views.terminal import print_ingest

WATCH_LABEL = "watch"  # the label of each round's run in the ledger
DEFAULT_INTERVAL = 3600.0  # seconds between rounds: news feeds change by the hour
MIN_INTERVAL = 60.0  # a tighter loop would hammer the feeds' hosts


@app.command()
@handles_errors
def watch(
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="Feed (or page) URLs.")],
    db: Db = None,
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (for cron).")] = False,
    interval: Annotated[
        float,
        typer.Option(
            "--interval", metavar="SECONDS", min=MIN_INTERVAL, help="Wait between rounds."
        ),
    ] = DEFAULT_INTERVAL,
    rate: Annotated[
        float | None,
        typer.Option(
            "--rate", metavar="R", min=0.0, help="Requests per second per host (COPROD_HOST_RATE)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per round.")] = False,
) -> None:
    """Poll feeds and ingest each new article; --once does one round and exits (for cron)."""
    _check_urls(urls)
    settings = Settings.from_env(db=db, host_rate=rate)
    with _open(settings, create=True) as store, make_client(settings) as client:
        try:
            while True:
                report = ingest_urls(urls, store, settings, client, label=WATCH_LABEL)
                _show(report, as_json)
                if once:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            err_console.print("stopped", highlight=False)
            sys.exit(130)


def _check_urls(urls: list[str]) -> None:
    bad = [url for url in urls if not url.startswith(("http://", "https://"))]
    if bad:
        raise InputError(f"not an http(s) URL: {', '.join(bad)} (local feeds: coprod ingest)")


def _show(report: IngestReport, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print_ingest(report, Console())
