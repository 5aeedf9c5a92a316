"""What the scale-out tests share: one corpus, its single-process ledger, and one local
Dask cluster (2 worker processes on 127.0.0.1) for every test that kills no worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod.scale import dask_client
from coprod.settings import Settings
from tests.ledgers import snapshot
from tests.scale.corpora import PARTITION_BYTES, single_process_ledger, write_corpus

WORKERS = 2


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(partition_bytes=PARTITION_BYTES)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("scale") / "corpus")


@pytest.fixture(scope="session")
def reference(
    corpus: list[Path], settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The snapshot of the corpus ingested by one process."""
    db = tmp_path_factory.mktemp("reference") / "single.db"
    single_process_ledger(corpus, db, settings)
    return snapshot(db)


@pytest.fixture(scope="session")
def client() -> Iterator[Any]:
    """A `distributed.Client` on a local cluster that no test damages."""
    with dask_client(workers=WORKERS) as shared:
        yield shared
