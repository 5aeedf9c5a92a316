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
    assert version == _scripts()[-1][:4]


def _scripts() -> list[str]:
    import coprod.store

    versions = Path(coprod.store.__file__).parent / "migrations" / "versions"
    return sorted(p.name for p in versions.glob("*.py"))


def test_migration_scripts_ship_inside_the_package_numbered_in_order() -> None:
    names = _scripts()
    assert names[0] == "0001_initial_schema.py"
    assert [n[:4] for n in names] == [f"{i:04d}" for i in range(1, len(names) + 1)]


def test_upgrade_keeps_the_documents_of_an_older_ledger(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO runs (label, started, status) VALUES ('t', '2025-01-01', 'finished')"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO documents (sha256, id, text, ingested_at) "
                "VALUES ('a' , 'doc', 'Denmark pays.', '2025-01-01')"
            )
        )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(sa.text("SELECT id, extracted FROM documents")).one()
    engine.dispose()
    assert (row[0], bool(row[1])) == ("doc", True)
