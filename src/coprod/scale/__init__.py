"""Scaling out on Dask: the same ingest and extraction, spread over worker processes.

The inputs are cut into partitions (`coprod.ingest.partitions`); Dask workers, on this
machine or on others, read, clean, detect the language of and extract each partition; the
one process that started the run writes their results into the ledger through `Store`,
in the order of the inputs, so the ledger is the one a single process would have built.
Dask is optional (`pip install 'coprod[dask]'`): nothing here imports it until asked.
"""

from coprod.scale.cluster import INSTALL_HINT, dask_client
from coprod.scale.driver import extract_scaled, ingest_scaled

__all__ = ["INSTALL_HINT", "dask_client", "extract_scaled", "ingest_scaled"]
