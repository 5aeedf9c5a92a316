"""The Typer application that every CLI module registers its commands on."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from coprod.errors import CoprodError
from coprod.scale.cluster import dashboard

app = typer.Typer(
    name="coprod",
    help="Evidence-linked tracker of international defence-industrial cooperation with Ukraine.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn a CoprodError into one clear line on stderr and its exit code."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except CoprodError as exc:
            # The message is text, not markup: "coprod[dask]" must print as written.
            err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
            sys.exit(exc.exit_code)

    return wrapper


def say_dashboard(client: Any) -> None:
    """Name the Dask cluster's dashboard on stderr, where its progress can be watched."""
    link = dashboard(client)
    shown = link or "none (install bokeh for one)"
    err_console.print(f"Dask dashboard: {shown}", markup=False, highlight=False, soft_wrap=True)


# The scale-out flags of `ingest` and `extract` (coprod.scale).
Workers = Annotated[
    int | None,
    typer.Option(
        "--workers",
        metavar="N",
        help="A local Dask cluster of N worker processes (needs: pip install 'coprod\\[dask]').",
        show_default=False,
    ),
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Run on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:PORT).",
        show_default=False,
    ),
]
