"""The Typer application that every CLI module registers its commands on."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console

from coprod.errors import CoprodError

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
            err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
            sys.exit(exc.exit_code)

    return wrapper
