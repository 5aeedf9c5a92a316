"""The service's commands: serve (API and dashboard) and user add.

`coprod serve --db URL --host 127.0.0.1 --port N` runs the JSON API under /api/ (OpenAPI
at /openapi.json) and the dashboard at /. Reading is open; writing needs a token from
`coprod user add NAME --role editor`, shown once and stored only hashed.
"""

from __future__ import annotations

from typing import Annotated

import typer

from coprod.accounts import ROLES, new_token, token_hash
from coprod.errors import InputError
from coprod.store import Store, shown_url
from coprod.views.cli._app import app, err_console, handles_errors
from coprod.views.cli.ledger import Db, _settings

DEFAULT_PORT = 8321


@app.command()
@handles_errors
def serve(
    db: Db = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
) -> None:
    """Serve the JSON API (/api/, OpenAPI at /openapi.json) and the dashboard (/)."""
    import uvicorn

    from coprod.views.api.app import create_app

    settings = _settings(db)
    err_console.print(f"coprod: {shown_url(settings.db)} on http://{host}:{port}/", markup=False)
    uvicorn.run(create_app(settings.db, settings), host=host, port=port, log_level="warning")


user_app = typer.Typer(help="People who may write through the API, and their tokens.")
app.add_typer(user_app, name="user")


@user_app.command("add")
@handles_errors
def user_add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Who: shown in the audit log.")],
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")] = "viewer",
    db: Db = None,
) -> None:
    """Add a user and print their token once (it is stored only hashed)."""
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}: use {', '.join(ROLES)}")
    if not name.strip():
        raise InputError("a user needs a name")
    token = new_token()
    settings = _settings(db)
    with Store.open(settings.db, settings.batch_size, create=True) as store:
        if store.user_by_name(name.strip()) is not None:
            raise InputError(f"there is already a user {name.strip()!r}")
        store.add_user(name.strip(), role, token_hash(token))
    err_console.print(f"added {name.strip()} ({role}); their token, shown only now:", markup=False)
    typer.echo(token)
