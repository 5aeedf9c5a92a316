"""What a Dask worker does with one partition: read it and do all the work that needs no
ledger. Plain functions of plain objects, so Dask ships them by name to any worker that
has coprod installed; the results travel back to the process that writes the ledger."""

from __future__ import annotations

import json

from coprod.evaluation.corpus import prediction
from coprod.extract import extract_facts
from coprod.ingest.partitions import Partition, read_partition
from coprod.model import Skipped
from coprod.pipeline import Extractor, Prepared, prepare
from coprod.settings import Settings


def prepare_partition(
    partition: Partition, settings: Settings, extract: Extractor = extract_facts
) -> list[Prepared | Skipped]:
    """Each input of the partition, in order: a Skipped, or a document prepared (language,
    facts, signature) for the ledger."""
    return [
        item if isinstance(item, Skipped) else prepare(item, settings, extract)
        for item in read_partition(partition, settings)
    ]


def predict_partition(
    partition: Partition, settings: Settings, extract: Extractor = extract_facts
) -> list[str | Skipped]:
    """Each input of the partition, in order: a Skipped, or the JSON line `coprod extract`
    prints for the document."""
    return [
        item
        if isinstance(item, Skipped)
        else json.dumps(prediction(item, extract), ensure_ascii=False)
        for item in read_partition(partition, settings)
    ]
