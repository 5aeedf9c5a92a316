"""Several writers on one PostgreSQL ledger at once: `coprod ingest` processes on
overlapping inputs, and editors reviewing the same facts over the real HTTP API.

Skipped, with the reason, when no PostgreSQL server answers (see conftest)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from coprod.accounts import new_token, token_hash
from coprod.pipeline import ingest_paths
from coprod.settings import Settings
from coprod.store import Store
from coprod.store.tables import documents, facts, runs
from coprod.views.api.app import create_app
from tests.serving import serving
from tests.store.conftest import ledger_on

COPROD = Path(sys.executable).with_name("coprod")  # the installed console script
LEDGER_DOCS = Path(__file__).parents[1] / "fixtures" / "ledger_docs.jsonl"
PROCESSES = 4
N_DOCUMENTS = 300
RUN_TIMEOUT = 120  # seconds for one ingest process; they take a few
EDITORS = 6
ATTEMPTS = 8  # reviews each editor tries
CONTESTED = 2  # facts every editor reviews

COUNTRIES = ("Denmark", "Lithuania", "Germany", "Norway", "Sweden", "Canada", "Poland")
ITEMS = ("drones", "artillery shells", "armoured vehicles", "air defence", "demining")
FILLER = (
    "officials ministry plant contract partners output line delivery quarter budget "
    "engineers factory joint venture spare parts training export licence testing range "
    "supply chain financing tranche parliament statement agency procurement capacity"
).split()


@pytest.fixture
def pg_url(tmp_path: Path) -> Iterator[str]:
    with ledger_on("postgresql", tmp_path) as url:
        yield url


def document(i: int, rnd: random.Random) -> dict[str, Any]:
    """A short news item with one commitment, unlike every other (no near-duplicates)."""
    country, item = rnd.choice(COUNTRIES), rnd.choice(ITEMS)
    filler = " ".join(rnd.choice(FILLER) for _ in range(40))
    text = (
        f"{country} will provide {10 + i} million euros for {item} made in Ukraine, "
        f"the government said in release number {i}. {filler.capitalize()}. Item {i} ends."
    )
    day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return {"id": f"d{i}", "url": f"https://example.org/{i}", "title": f"News {i}"} | {
        "date": day,
        "lang": "en",
        "kind": "news",
        "text": text,
    }


def overlapping_inputs(folder: Path, rnd: random.Random) -> list[Path]:
    """`PROCESSES` JSONL files, each in its own order; most documents in two or more."""
    shares: list[list[dict[str, Any]]] = [[] for _ in range(PROCESSES)]
    for i in range(N_DOCUMENTS):
        copies = 1 if i % 10 == 0 else rnd.randint(2, PROCESSES)
        for k in rnd.sample(range(PROCESSES), copies):
            shares[k].append(document(i, random.Random(i)))
    paths = []
    for k, docs in enumerate(shares):
        rnd.shuffle(docs)
        path = folder / f"input{k}.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        paths.append(path)
    return paths


def ingest_process(path: Path, db: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPROD_")}
    command = [str(COPROD), "ingest", str(path), "--db", db, "--json"]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_concurrent_ingests_of_overlapping_inputs_store_each_document_once(
    pg_url: str, tmp_path: Path
) -> None:
    inputs = overlapping_inputs(tmp_path, random.Random(7))
    processes = [ingest_process(path, pg_url) for path in inputs]
    try:
        finished = [process.communicate(timeout=RUN_TIMEOUT) for process in processes]
    finally:
        for process in processes:
            if process.returncode is None:  # left running by a failure
                process.kill()
                process.communicate()
    for process, (_out, err) in zip(processes, finished, strict=True):
        assert process.returncode == 0, err
    reports = [json.loads(out) for out, _ in finished]
    assert all(r["interrupted_runs"] == [] for r in reports)  # no live run taken for dead
    assert sum(r["new"] for r in reports) == N_DOCUMENTS
    reference = str(tmp_path / "single.db")
    with Store.open(reference) as store:
        ingest_paths(inputs, store, Settings(db=reference))
    engine = sa.create_engine(pg_url)
    with engine.connect() as connection:
        texts = connection.scalar(sa.select(sa.func.count(documents.c.text.distinct())))
        assert connection.scalar(sa.select(sa.func.count()).select_from(documents)) == texts
        assert texts == N_DOCUMENTS
        keys = Counter(connection.scalars(sa.select(facts.c.fact_key)))
        statuses = list(connection.scalars(sa.select(runs.c.status)))
    engine.dispose()
    single = sa.create_engine(f"sqlite:///{reference}")
    with single.connect() as connection:
        assert set(connection.scalars(sa.select(facts.c.fact_key))) == set(keys)
    single.dispose()
    assert max(keys.values()) == 1 and len(keys) >= N_DOCUMENTS
    assert statuses == ["finished"] * PROCESSES


@pytest.fixture
def review_api(pg_url: str) -> Iterator[dict[str, Any]]:
    tokens = {f"editor{i}": new_token() for i in range(EDITORS)}
    with Store.open(pg_url) as store:
        ingest_paths([LEDGER_DOCS], store, Settings(db=pg_url))
        for name, token in tokens.items():
            store.add_user(name, "editor", token_hash(token))
        contested = [row["id"] for row in store.reconcile_rows()[:CONTESTED]]
    with serving(create_app(pg_url)) as base:
        yield {"base": base, "db": pg_url, "tokens": tokens, "facts": contested}


def review_many(base: str, token: str, fact_ids: list[int], name: str) -> list[dict[str, Any]]:
    """Read a fact's ETag, then try a decision on it with If-Match; again and again."""
    outcomes = []
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=30) as client:
        for attempt in range(ATTEMPTS):
            fact = fact_ids[attempt % len(fact_ids)]
            tag = client.get(f"/api/facts/{fact}").headers["ETag"]
            why = f"{name} attempt {attempt}"
            body = {"action": "confirm", "why": why}
            response = client.post(
                f"/api/facts/{fact}/review", json=body, headers=auth | {"If-Match": tag}
            )
            outcomes.append({"fact": fact, "why": why, "status": response.status_code})
    return outcomes


def test_concurrent_reviews_lose_no_update_and_log_each_decision_once(
    review_api: dict[str, Any],
) -> None:
    base, fact_ids = review_api["base"], review_api["facts"]
    outcomes: list[dict[str, Any]] = []
    barrier = threading.Barrier(EDITORS)

    def editor(name: str, token: str) -> None:
        barrier.wait()
        outcomes.extend(review_many(base, token, fact_ids, name))

    threads = [
        threading.Thread(target=editor, args=(name, token))
        for name, token in review_api["tokens"].items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == EDITORS * ATTEMPTS
    assert {o["status"] for o in outcomes} <= {200, 412}, Counter(o["status"] for o in outcomes)
    accepted = [o for o in outcomes if o["status"] == 200]
    assert accepted and len(accepted) < len(outcomes)  # they did contend
    with httpx.Client(base_url=base) as client:
        log = Counter(d["why"] for d in client.get("/api/decisions").json())
    assert log == Counter(o["why"] for o in accepted)  # each accepted once, no other
    with Store.open(review_api["db"], create=False) as store:
        for fact in fact_ids:
            won = sum(1 for o in accepted if o["fact"] == fact)
            assert store.fact_version(fact) == won, fact  # no decision's bump lost
