"""Ledgers to test on: a SQLite file in tmp_path, and a fresh PostgreSQL database when a
server answers on 127.0.0.1 (set COPROD_TEST_POSTGRES to another admin URL to move it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

ADMIN_URL = os.environ.get(
    "COPROD_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ["sqlite", "postgresql"]


def _admin() -> sa.Engine:
    """The PostgreSQL server, or a skip when there is none (or no driver)."""
    try:
        engine = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect():
            return engine
    except (ImportError, sa.exc.OperationalError) as exc:
        pytest.skip(f"no PostgreSQL at {ADMIN_URL}: {exc}")


@contextmanager
def ledger_on(backend: str, folder: Path) -> Iterator[str]:
    """A ledger location nobody else uses: a file path, or a database created for it."""
    if backend == "sqlite":
        yield str(folder / "ledger.db")
        return
    admin, name = _admin(), f"coprod_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with ledger_on(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def shared_ledger_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    with ledger_on(request.param, tmp_path_factory.mktemp("ledger")) as url:
        yield url
