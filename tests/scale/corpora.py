"""The corpus the scale-out tests ingest, and ledgers built from it by a single process.

A JSON Lines file cut into many partitions (garbage lines, exact and near copies, records
without an id, documents in other languages, one document naming the poison marker) and a
folder of small .txt and .html files with a gzipped JSON Lines file, read as one partition.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from coprod.ingest.partitions import Partition, plan
from coprod.pipeline import ingest_paths
from coprod.settings import Settings
from coprod.store import Store
from tests.ledgers import corpus_lines
from tests.scale.poison import MARKER

N_DOCUMENTS = 2_000
PARTITION_BYTES = 30_000  # the JSONL file (~0.5 MB) is cut into a dozen or more partitions
NO_ID_EVERY = 97  # a record without `id`: named file:line, the same in every partition
FOREIGN_EVERY = 250  # a document in German or Ukrainian, with no `lang`: stored, not extracted
MARKED_LINE = N_DOCUMENTS // 2 + 1  # the one document naming the poison marker (not garbage)
FOREIGN = (
    "Die Bundesregierung will die Zusammenarbeit mit der ukrainischen Rüstungsindustrie "
    "ausbauen, sagte ein Sprecher am Montag in Berlin nach einem Treffen der Minister {i}.",
    "Уряд і партнери домовилися про спільне виробництво безпілотників, повідомило "
    "міністерство оборони у понеділок після зустрічі в Києві, номер {i}.",
)
PAGE = """<html lang="en"><head><title>Story {i}</title></head><body><article>
<h1>Story {i}</h1><p>Norway will provide NOK {n} million to finance production of drones
in Ukraine, the ministry said on day {i}.</p><p>The money comes through the Danish model,
which Sweden has since joined; officials met in Oslo to review the schedule.</p>
</article></body></html>"""


def scale_lines(n: int = N_DOCUMENTS) -> list[str]:
    """The crash-safety corpus, with some ids removed, some texts foreign, one marked."""
    lines = []
    for i, line in enumerate(corpus_lines(n), start=1):
        if not line.startswith('{"'):
            lines.append(line)
            continue
        record = json.loads(line)
        if i % NO_ID_EVERY == 0:
            del record["id"]
        if i % FOREIGN_EVERY == 0:
            record.pop("lang", None)
            record["text"] = FOREIGN[(i // FOREIGN_EVERY) % 2].format(i=i)
        if i == MARKED_LINE:
            record["text"] += f" The {MARKER} report was filed late."
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def write_corpus(root: Path) -> list[Path]:
    """The corpus under `root`: the paths to ingest, in order."""
    root.mkdir(parents=True, exist_ok=True)
    news = root / "news.jsonl"
    news.write_text("\n".join(scale_lines()) + "\n", encoding="utf-8")
    more = root / "more"
    more.mkdir()
    for i in range(12):
        (more / f"note-{i:02d}.txt").write_text(
            f"Note {i}: Finland has allocated €{10 + i} million for Ukrainian-made howitzers.\n"
            "Officials met in Helsinki to review the routine schedule.\n",
            encoding="utf-8",
        )
    for i in range(8):
        (more / f"page-{i:02d}.html").write_text(PAGE.format(i=i, n=100 + i), encoding="utf-8")
    packed = [json.loads(line) for line in list(corpus_lines(300))[-60:] if line.startswith('{"')]
    with gzip.open(more / "wire.jsonl.gz", "wt", encoding="utf-8") as out:
        for record in packed:  # copies of earlier texts under new ids: sightings
            out.write(json.dumps(record | {"id": f"wire-{record['id']}"}) + "\n")
    return [news, more]


def partitions(paths: list[Path], settings: Settings) -> list[Partition]:
    return [p for p in plan(paths, settings) if isinstance(p, Partition)]


def single_process_ledger(paths: list[Path], db: Path, settings: Settings) -> None:
    """The reference: the same inputs ingested by `ingest_paths` in this process."""
    with Store.open(str(db)) as store:
        ingest_paths(paths, store, settings)
