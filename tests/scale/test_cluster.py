"""The Dask client: its arguments, and the check that every worker runs this coprod."""

from __future__ import annotations

from typing import Any

import pytest

import coprod
from coprod.errors import InputError
from coprod.scale import dask_client
from coprod.scale.cluster import check_workers, dashboard, worker_threads


def _set_version(version: str) -> str:
    """On a worker: pretend to be another coprod; return the version it had."""
    import coprod as worker_coprod

    before = worker_coprod.__version__
    worker_coprod.__version__ = version
    return before


@pytest.mark.parametrize(
    ("workers", "scheduler", "words"),
    [
        (None, None, "either --workers N or --scheduler"),
        (2, "tcp://127.0.0.1:1", "either --workers N or --scheduler"),
        (0, None, "--workers must be 1 or more"),
    ],
)
def test_the_client_wants_workers_or_a_scheduler(
    workers: int | None, scheduler: str | None, words: str
) -> None:
    with pytest.raises(InputError, match=words), dask_client(workers, scheduler):
        pass


def test_a_local_cluster_has_one_thread_per_worker_and_a_loopback_dashboard(client: Any) -> None:
    assert worker_threads(client) == 2
    assert all(address.startswith("tcp://127.0.0.1:") for address in client.nthreads())
    link = dashboard(client)
    assert link is not None and link.startswith("http://127.0.0.1:")


def test_workers_running_this_coprod_pass_the_check(client: Any) -> None:
    check_workers(client)  # raises when a worker differs


def test_a_worker_running_another_coprod_is_refused(client: Any) -> None:
    first = sorted(client.nthreads())[0]
    client.run(_set_version, "0.0.1-other", workers=[first])
    try:
        with pytest.raises(InputError, match=r"runs coprod 0\.0\.1-other, this is coprod"):
            check_workers(client)
    finally:
        client.run(_set_version, coprod.__version__, workers=[first])
    check_workers(client)
