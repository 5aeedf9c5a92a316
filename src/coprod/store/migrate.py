"""Schema migrations, run in code: `upgrade(engine)` brings a ledger to the newest schema.

The migration scripts ship inside the package (`coprod/store/migrations/`), so no
alembic.ini is needed. To write a new one after changing `tables.py`:

    python -m coprod.store.migrate "what changed"
"""

from __future__ import annotations

import sys

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine

SCRIPTS = "coprod.store:migrations"  # a package resource, found wherever coprod is installed


def alembic_config(connection: Connection) -> Config:
    """An Alembic configuration with no file behind it; env.py runs on `connection`."""
    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every migration the ledger lacks, in one transaction where the database allows."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def new_revision(message: str) -> None:
    """Write a migration for what `tables.py` has and the newest migration lacks."""
    with create_engine("sqlite://").begin() as connection:
        config = alembic_config(connection)
        command.upgrade(config, "head")
        command.revision(config, message=message, autogenerate=True)


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    new_revision(" ".join(sys.argv[1:]) or "unnamed")
