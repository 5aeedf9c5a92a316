"""coprod's command line. Each module registers its commands on the shared Typer app."""

from coprod.views.cli import db, evaluate, ledger, money, review, serve, watch  # noqa: F401
from coprod.views.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
