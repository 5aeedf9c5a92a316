"""coprod's command line. Each module registers its commands on the shared Typer app."""

from coprod.views.cli import evaluate, ledger, money, review, watch  # noqa: F401  (registers)
from coprod.views.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
