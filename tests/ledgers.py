"""Ledgers to compare, and a corpus to fill them: what the crash-safety and scale-out tests
share. A `snapshot` is everything a ledger holds minus what depends on when and in which run
it was written; two ledgers built from the same inputs by any means must snapshot equal.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from coprod.store import Store

GARBAGE_EVERY = 1_000  # a line that is not JSON: a skipped input
EXACT_COPY_EVERY = 500  # an earlier text under a new id: an exact duplicate
NEAR_COPY_EVERY = 400  # an earlier text with a byline added: a republished story

COUNTRIES = (
    "Denmark, Norway, Sweden, Germany, the Netherlands, Lithuania, Canada, Finland, Poland, "
    "Latvia, Estonia, Belgium, France, the United Kingdom, Japan"
).split(", ")
SUMS = ("€{n} million", "${n} million", "£{n} million", "EUR {n} million", "DKK {n} million")
WEAPONS = ("howitzers", "drones", "artillery shells", "air defence missiles", "armoured vehicles")
FACT_SENTENCES = (
    "{country} will provide {sum} to finance production of {weapon} in Ukraine.",
    "{country} has allocated {sum} for Ukrainian-made {weapon} under the Danish model.",
    "The government of {country} pledged {sum} to buy {weapon} from Ukraine's defence industry.",
    "{country} and Ukraine signed an agreement on joint production of {weapon}.",
)
FILLER = (
    "Officials met in {city} on day {i} to review the {word} schedule.",
    "The weather in {city} was {word} and the talks ran late, said note {i}.",
    "A spokesperson declined to comment on the {word} report numbered {i}.",
    "Local markets in {city} opened {word} this morning, bulletin {i} said.",
)
CITIES = "Kyiv Oslo Vilnius Berlin Paris Ottawa Riga Tallinn Warsaw Tokyo Lviv Odesa".split()
WORDS = "quiet busy delayed early routine tense calm long".split()


def fact_text(i: int, rnd: random.Random) -> str:
    """One to three filler sentences; in four documents of ten, a sentence with a fact."""
    words = {"city": rnd.choice(CITIES), "word": rnd.choice(WORDS), "i": i}
    sentences = [rnd.choice(FILLER).format(**words) for _ in range(rnd.randint(1, 3))]
    if rnd.random() < 0.4:
        amount = rnd.choice(SUMS).format(n=rnd.randint(2, 900))
        fact = rnd.choice(FACT_SENTENCES).format(
            country=rnd.choice(COUNTRIES), sum=amount, weapon=rnd.choice(WEAPONS)
        )
        sentences.insert(rnd.randint(0, len(sentences)), fact)
    return " ".join(sentences)


def corpus_lines(n: int) -> Iterator[str]:
    rnd = random.Random(20_000)  # the corpus is the same in every run of the test
    texts: list[str] = []
    for i in range(n):
        if i % GARBAGE_EVERY == GARBAGE_EVERY - 1:
            yield "{not json"
            continue
        if i % EXACT_COPY_EVERY == EXACT_COPY_EVERY - 1:
            text = rnd.choice(texts)
        elif i % NEAR_COPY_EVERY == NEAR_COPY_EVERY - 1:
            text = rnd.choice(texts) + " Reporting by the wire desk."
        else:
            text = fact_text(i, rnd)
        texts.append(text)
        record: dict[str, Any] = {"id": f"crash-{i}", "date": f"2025-{1 + i % 12:02d}-01"}
        if i % 50:  # most sources state their language; the rest are detected
            record["lang"] = "en"
        yield json.dumps(record | {"text": text})


def reading(db: Path) -> closing[sqlite3.Connection]:
    """A read-only connection: it never creates the file, nor writes to it."""
    return closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5))


def snapshot(db: Path) -> dict[str, Any]:
    """Everything the ledger holds, minus what differs by when and in which run it was written:
    documents by content hash, facts by fact_key with every field, skips and sightings as
    distinct inputs, and the counts `coprod status` shows."""
    with reading(db) as connection:
        connection.row_factory = sqlite3.Row
        data = {
            "documents": _keyed(connection, "documents", "sha256", {"run_id", "ingested_at"}),
            "facts": _keyed(connection, "facts", "fact_key", {"id", "run_id"}),
            "skipped": _distinct(connection, "skipped", "source, reason, detail"),
            "sightings": _distinct(connection, "sightings", "document_sha, source, url"),
        }
    with Store.open(str(db), create=False) as store:
        data["counts"] = store.counts().as_dict()
    return data


def _keyed(connection: sqlite3.Connection, table: str, key: str, drop: set[str]) -> Any:
    rows = [dict(row) for row in connection.execute(f"SELECT * FROM {table}")]
    by_key = {row[key]: {k: v for k, v in row.items() if k not in drop} for row in rows}
    assert len(by_key) == len(rows)
    return by_key


def _distinct(connection: sqlite3.Connection, table: str, columns: str) -> Any:
    query = f"SELECT DISTINCT {columns} FROM {table} ORDER BY {columns}"
    return [tuple(row) for row in connection.execute(query)]


def assert_same_ledger(got: dict[str, Any], want: dict[str, Any], seed: int | None = None) -> None:
    """Equal, part by part first, so that a failure says where the ledgers differ (and,
    for ledgers built by randomly timed runs, with which seed)."""
    seeded = "" if seed is None else f" (seed {seed})"
    assert got["counts"] == want["counts"], f"counts differ{seeded}"
    for part in ("skipped", "sightings"):
        extra = sorted(set(got[part]) - set(want[part]))[:3]
        missing = sorted(set(want[part]) - set(got[part]))[:3]
        assert got[part] == want[part], f"{part} differ{seeded}: {extra} extra, {missing} lost"
    for part in ("documents", "facts"):
        missing = want[part].keys() - got[part].keys()
        extra = got[part].keys() - want[part].keys()
        assert not missing and not extra, f"{part}: {len(missing)} lost, {len(extra)} extra"
        changed = [k for k in want[part] if got[part][k] != want[part][k]]
        assert not changed, f"{part}: {len(changed)} differ, e.g. {changed[0]}{seeded}"
