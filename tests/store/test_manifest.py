"""The manifest of partitions done: marks are idempotent, durable, and committed (or rolled
back) with the batch around them; migration 0006 adds its table on every backend."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from coprod.store import Store, migrate, to_url
from coprod.store.tables import partitions


def _rows(url: str) -> list[tuple[str, str, int | None, int]]:
    engine = sa.create_engine(to_url(url))
    columns = (partitions.c.key, partitions.c.label, partitions.c.run_id, partitions.c["items"])
    with engine.connect() as connection:
        found = [tuple(row) for row in connection.execute(sa.select(*columns).order_by("key"))]
    engine.dispose()
    return found  # type: ignore[return-value]


def test_marks_are_idempotent_and_survive_reopening(ledger_url: str) -> None:
    with Store.open(ledger_url) as store:
        assert store.done_partitions() == set()
        run = store.begin_run()
        store.mark_partition_done("a" * 64, "feed.jsonl bytes 0–100", run, 7)
        store.mark_partition_done("a" * 64, "the same piece, later", None, 9)  # first mark kept
        store.mark_partition_done("b" * 64, "notes … story (2 files)", run, 2)
        assert store.done_partitions() == {"a" * 64, "b" * 64}
    with Store.open(ledger_url) as store:
        assert store.done_partitions() == {"a" * 64, "b" * 64}
        later = store.begin_run()
        store.mark_partition_done("b" * 64, "again", later, 0)
    assert _rows(ledger_url) == [
        ("a" * 64, "feed.jsonl bytes 0–100", run, 7),
        ("b" * 64, "notes … story (2 files)", run, 2),
    ]


def test_a_mark_commits_with_its_batch_or_is_rolled_back_with_it(ledger_url: str) -> None:
    with Store.open(ledger_url) as store:
        store.batch_seconds = 3600.0
        with store.batch():
            store.mark_partition_done("c" * 64, "committed", None, 1)
            assert store.done_partitions() == {"c" * 64}  # the batch sees its own mark
            assert _rows(ledger_url) == []  # nobody else does yet
        with pytest.raises(RuntimeError), store.batch():
            store.mark_partition_done("d" * 64, "lost", None, 1)
            raise RuntimeError("the writer died before the commit")
        assert store.done_partitions() == {"c" * 64}
    assert [row[0] for row in _rows(ledger_url)] == ["c" * 64]


def test_the_migration_head_holds_the_partitions_table(ledger_url: str) -> None:
    engine = sa.create_engine(to_url(ledger_url))
    try:
        migrate.upgrade(engine, "0005")
        assert "partitions" not in sa.inspect(engine).get_table_names()
        migrate.upgrade(engine)
        inspector = sa.inspect(engine)
        assert "partitions" in inspector.get_table_names()
        columns = {c["name"]: c["nullable"] for c in inspector.get_columns("partitions")}
        assert columns == {
            "key": False,
            "label": False,
            "run_id": True,
            "items": False,
            "done_at": False,
        }
        assert inspector.get_pk_constraint("partitions")["constrained_columns"] == ["key"]
        with engine.connect() as connection:
            version = connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
    finally:
        engine.dispose()
    config = Config()
    config.set_main_option("script_location", migrate.SCRIPTS)
    scripts = ScriptDirectory.from_config(config)
    assert version == scripts.get_current_head()
    assert scripts.get_revision("0006").down_revision == "0005"
