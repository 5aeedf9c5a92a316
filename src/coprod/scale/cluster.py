"""The Dask client: a local cluster of worker processes, or an existing scheduler.

A local cluster listens on the loopback interface only and runs one thread per worker
process (extraction is pure Python, so threads would share one core). Its dashboard takes
a free port, printed by the caller. Dask is imported here, on demand, so coprod runs
without it and only the scale-out flags ask for it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from coprod.errors import InputError

INSTALL_HINT = "pip install 'coprod[dask]'"
CONNECT_TIMEOUT = "20s"  # an address that answers nothing is an error, not a hang
LOCAL_HOST = "127.0.0.1"  # a local cluster is reachable from this machine only
# Dask's statistical profiler samples each worker's stack every 10 ms: on pure-Python work
# it cost a quarter of a worker's time here. Workers started elsewhere should be started
# with DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False (see the README).
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False}


def require_dask() -> Any:
    """The `distributed` module, or an InputError saying how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise InputError(
            f"--workers and --scheduler run on Dask, which is not installed: {INSTALL_HINT}"
        ) from exc
    return distributed


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A `distributed.Client`: on `scheduler` (tcp://HOST:PORT), else on a local cluster of
    `workers` processes started here and stopped on leaving."""
    if (workers is None) == (scheduler is None):
        raise InputError("give either --workers N or --scheduler ADDRESS")
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be 1 or more, not {workers}")
    distributed = require_dask()
    with ExitStack() as stack:
        stack.enter_context(_dask_config().set(LOCAL_CONFIG))
        if scheduler is not None:
            client = stack.enter_context(_connect(distributed, scheduler))
        else:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host=LOCAL_HOST,
                    dashboard_address=f"{LOCAL_HOST}:0",
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        yield client


def _dask_config() -> Any:
    import dask.config

    return dask.config


@contextmanager
def _connect(distributed: Any, address: str) -> Iterator[Any]:
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        check_workers(client)
        yield client


def check_workers(client: Any) -> None:
    """Refuse to run on workers that cannot import coprod, or run another version of it:
    their facts would not be the ones this version extracts. Workers that join later are
    not checked (a cluster's workers are normally started from one installation)."""
    from coprod import __version__

    try:
        versions: dict[str, str] = client.run(_coprod_version)
    except Exception as exc:  # the function cannot even be unpickled where coprod is missing
        raise InputError(
            f"the Dask workers cannot run coprod ({type(exc).__name__}: {exc}); "
            f"install it on every worker machine: {INSTALL_HINT}"
        ) from exc
    other = {worker: v for worker, v in versions.items() if v != __version__}
    if other:
        worker, version = sorted(other.items())[0]
        raise InputError(
            f"Dask worker {worker} runs coprod {version}, this is coprod {__version__}: "
            "install the same version everywhere"
        )


def _coprod_version() -> str:
    from coprod import __version__

    return __version__


def dashboard(client: Any) -> str | None:
    """The address of the cluster's dashboard, when it serves one."""
    link = getattr(client, "dashboard_link", None)
    return str(link) if link else None


def worker_threads(client: Any) -> int:
    """Threads over all workers now connected (at least 1: workers may join later)."""
    threads: dict[str, int] = client.nthreads()
    return max(1, sum(threads.values()))
