"""Analysts' decisions: `coprod review confirm|correct|reject|merge|split|log`.

Facts are named by id (`coprod facts` shows them), entries by key or a prefix of it
(`coprod entries`). Every decision needs a reason (`--why`) and names who made it
(`--by`, else $COPROD_USER, else the login name); it is appended to the audit log and the
ledger is reconciled at once. Re-running ingestion never undoes a decision.
"""

from __future__ import annotations

from typing import Annotated

import typer

from coprod.reconcile.decisions import parse_fields
from coprod.reconcile.review import record
from coprod.views.cli._app import app, handles_errors
from coprod.views.cli.ledger import Db, Json, _console, _echo_json, _open, _settings
from coprod.views.ledger_terminal import print_decisions
from coprod.views.terminal import ledger_line

review_app = typer.Typer(
    help="Confirm, correct, reject, merge or split facts; every decision is logged.",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")

Why = Annotated[str, typer.Option("--why", help="Why: kept in the audit log (required).")]
By = Annotated[
    str | None,
    typer.Option("--by", metavar="NAME", help="Who decides. Default: $COPROD_USER, else login."),
]
Ref = Annotated[str, typer.Argument(metavar="FACT", help="A fact id.")]


def _decide(
    action: str, refs: list[str], why: str, by: str | None, db: str | None, **fields: object
) -> None:
    settings = _settings(db)
    with _open(settings) as store:
        decision, summary = record(store, action, refs, why=why, by=by, fields=dict(fields) or None)
    typer.echo(
        f"decision #{decision.id}: {action} {len(decision.fact_keys)} fact(s) by {decision.by}"
    )
    typer.echo(f"ledger: {ledger_line(summary.as_dict())}")


@review_app.command()
@handles_errors
def confirm(fact: Ref, why: Why, by: By = None, db: Db = None) -> None:
    """Confirm a fact: its figure becomes its entry's, and a conflict there is closed."""
    _decide("confirm", [fact], why, by, db)


@review_app.command()
@handles_errors
def correct(
    fact: Ref,
    set_: Annotated[
        list[str],
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
            help="A corrected field, e.g. amount=20000000, funder=DNK,NOR, status=pledged.",
        ),
    ],
    why: Why,
    by: By = None,
    db: Db = None,
) -> None:
    """Correct a fact's fields; the text's values stay stored beside the correction."""
    _decide("correct", [fact], why, by, db, **parse_fields(set_))


@review_app.command()
@handles_errors
def reject(fact: Ref, why: Why, by: By = None, db: Db = None) -> None:
    """Reject a fact: it leaves every entry and total (confirm it again to undo)."""
    _decide("reject", [fact], why, by, db)


@review_app.command()
@handles_errors
def merge(
    refs: Annotated[
        list[str], typer.Argument(metavar="FACT|ENTRY...", help="Fact ids or entry keys.")
    ],
    why: Why,
    by: By = None,
    db: Db = None,
) -> None:
    """Merge facts (or whole entries) into one entry, whatever the rules say."""
    _decide("merge", refs, why, by, db)


@review_app.command()
@handles_errors
def split(fact: Ref, why: Why, by: By = None, db: Db = None) -> None:
    """Split a fact out of its entry: it stands alone, and rules never join it again."""
    _decide("split", [fact], why, by, db)


@review_app.command("log")
@handles_errors
def log(db: Db = None, as_json: Json = False) -> None:
    """The audit log: every decision, oldest first: who, when, what, why."""
    with _open(_settings(db)) as store:
        decisions = store.decisions()
    if as_json:
        _echo_json([d.__dict__ for d in decisions])
    else:
        print_decisions(decisions, _console())
