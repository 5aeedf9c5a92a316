"""The shipped migrations build exactly the schema that tables.py describes."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from coprod.store import migrate
from coprod.store.tables import metadata


def test_upgrade_builds_the_schema_tables_py_describes(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        drift = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert drift == []


def test_upgrade_twice_changes_nothing(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    migrate.upgrade(engine)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        version = connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
    engine.dispose()
    assert version == "0001"


def test_migration_scripts_ship_inside_the_package() -> None:
    import coprod.store

    versions = Path(coprod.store.__file__).parent / "migrations" / "versions"
    assert sorted(p.name for p in versions.glob("*.py")) == ["0001_initial_schema.py"]
