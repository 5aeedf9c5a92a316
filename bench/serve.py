"""How fast the API answers on a large ledger, over real HTTP, beside its own baseline.

Generates a ledger of `--facts` facts (three per document, ~30 funders, every fact type,
publication dates over three years) straight into SQLite with SQLAlchemy Core, reconciles
it once, serves it with uvicorn in a separate process, and measures requests/s and
p50/p95 latency under `--clients` concurrent httpx clients for the scoreboard and pages
of facts, beside GET /api/health from the same app.

    .venv/bin/python bench/serve.py [--facts 1000000] [--db PATH] [--clients 16]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from coprod.model import AGREEMENT_KINDS, CATEGORIES, MECHANISMS, STAGES, STATUSES
from coprod.reconcile import reconcile_store
from coprod.store import Store
from coprod.store.tables import documents, facts, runs

FUNDERS = [
    "DNK", "SWE", "NOR", "NLD", "LTU", "CAN", "DEU", "GBR", "FIN", "POL", "FRA", "ITA", "ESP",
    "BEL", "AUT", "CZE", "SVK", "EST", "LVA", "ROU", "BGR", "PRT", "IRL", "ISL", "LUX", "HRV",
    "SVN", "GRC", "JPN", "AUS",
]  # fmt: skip
WEIGHTS = [1 / (rank + 1) for rank in range(len(FUNDERS))]  # a few big funders, a long tail
CURRENCIES = ["EUR", "USD", "DKK", "SEK", "NOK", "GBP", "CAD"]
TYPES = ["commitment", "agreement", "gdp_pledge", "target"]
TYPE_WEIGHTS = [0.70, 0.20, 0.03, 0.07]
START = date(2023, 1, 1)
DAYS = 3 * 365
FACTS_PER_DOCUMENT = 3
CHUNK = 50_000  # rows per executemany, one transaction each
NEAR_DUPLICATES = 0.03  # share of documents that republish an earlier one


def generate(db: str, n_facts: int, seed: int = 7) -> None:
    """Documents and facts rows straight into the ledger's tables, in large transactions."""
    rnd = random.Random(seed)
    with Store.open(db) as store, store.engine.begin() as connection:
        now = datetime.now(UTC)
        run_id = connection.execute(
            sa.insert(runs).values(label="bench", started=now, finished=now, status="finished")
        ).inserted_primary_key[0]  # type: ignore[index]
    n_docs = -(-n_facts // FACTS_PER_DOCUMENT)
    with Store.open(db) as store:
        for start in range(0, n_docs, CHUNK):
            ids = range(start, min(n_docs, start + CHUNK))
            docs = [_document(rnd, i, run_id, now) for i in ids]
            rows = [f for d in docs for f in _facts(rnd, d, run_id)][: n_facts - start * 3]
            with store.engine.begin() as connection:
                connection.execute(sa.insert(documents), docs)
                connection.execute(sa.insert(facts), rows)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _document(rnd: random.Random, i: int, run_id: int, now: datetime) -> dict[str, Any]:
    day = START + timedelta(days=rnd.randrange(DAYS))
    copy = i > 0 and rnd.random() < NEAR_DUPLICATES
    return {
        "sha256": _sha(f"doc{i}"),
        "id": f"B{i}",
        "url": f"https://news{i % 40}.example.org/{day:%Y/%m/%d}/{i}",
        "title": f"Partners fund Ukrainian industry, report {i}",
        "outlet": f"news{i % 40}.example.org",
        "date": day.isoformat(),
        "lang": "en",
        "kind": "news",
        "source": "bench",
        "text": "Generated for the benchmark. " * 8,
        "run_id": run_id,
        "ingested_at": now,
        "extracted": True,
        "near_duplicate_of": _sha(f"doc{rnd.randrange(i)}") if copy else None,
        "minhash": None,
    }


def _facts(rnd: random.Random, doc: dict[str, Any], run_id: int) -> Iterator[dict[str, Any]]:
    for n in range(FACTS_PER_DOCUMENT):
        kind = rnd.choices(TYPES, TYPE_WEIGHTS)[0]
        yield (
            _empty()
            | _fields(rnd, kind)
            | {
                "fact_key": _sha(f"{doc['sha256']}/{n}"),
                "document_sha": doc["sha256"],
                "type": kind,
                "evidence": f"{doc['title']}: sentence {n}.",
                "start": n * 40,
                "end": n * 40 + 39,
                "confidence": round(rnd.uniform(0.5, 0.95), 2),
                "extractor": f"{kind}@1",
                "notes": [],
                "run_id": run_id,
            }
        )


def _empty() -> dict[str, Any]:
    return {c.name: None for c in facts.c if c.name not in ("id", "review_version")}


def _fields(rnd: random.Random, kind: str) -> dict[str, Any]:
    funder = rnd.choices(FUNDERS, WEIGHTS)[0]
    if kind == "commitment":
        return {
            "funder": [funder],
            "amount": float(rnd.randint(1, 900) * 1_000_000),
            "currency": rnd.choice(CURRENCIES),
            "alt": [],
            "status": rnd.choice(STATUSES),
            "cumulative": rnd.random() < 0.03,
            "qualifier": "exact",
            "mechanism": rnd.choice(MECHANISMS),
            "categories": rnd.sample(CATEGORIES, rnd.randint(0, 2)),
        }
    if kind == "agreement":
        return {
            "parties": sorted({funder, "UKR"}),
            "kind": rnd.choice(AGREEMENT_KINDS),
            "stage": rnd.choice(STAGES),
            "host": rnd.choice([funder, "UKR"]),
            "companies": [f"Company {rnd.randrange(500)}"],
            "categories": rnd.sample(CATEGORIES, 1),
        }
    if kind == "gdp_pledge":
        return {"funder": [funder], "share_pct": rnd.choice([0.1, 0.25, 0.5]), "period": "annual"}
    return {
        "subject": "UKR",
        "metric": "funding",
        "value": float(rnd.randint(1, 10) * 1_000_000_000),
        "unit": "USD",
        "year": rnd.choice([2023, 2024, 2025]),
        "mechanism": "ukrainian_industry",
        "qualifier": "over",
    }


# -- serving and measuring -----------------------------------------------------------------


def serve(db: str, port: int) -> None:
    """The app on `db`, in this process (the benchmark runs it as a child)."""
    import uvicorn

    from coprod.views.api.app import create_app

    uvicorn.run(create_app(db), host="127.0.0.1", port=port, log_level="warning")


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    child = subprocess.Popen([sys.executable, __file__, "--serve", db, "--port", str(port)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                return child
        except httpx.TransportError:
            time.sleep(0.1)
    child.kill()
    raise RuntimeError("the server did not start")


async def measure(
    base: str, path: str, clients: int, requests: int, seconds: float
) -> dict[str, float]:
    """`requests` GETs of `path` spread over `clients` concurrent connections, or as many
    as `seconds` allow (a deep page of a large ledger is slow)."""
    latencies: list[float] = []
    failed: list[int] = []  # statuses other than 200: 503 when the ledger is overloaded
    deadline = time.perf_counter() + seconds

    async def one_client(client: httpx.AsyncClient, count: int) -> None:
        for _ in range(count):
            if time.perf_counter() > deadline:
                return
            began = time.perf_counter()
            response = await client.get(path)
            latencies.append(time.perf_counter() - began)
            if response.status_code != 200:
                failed.append(response.status_code)

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        await client.get(path)  # warm: the first scoreboard builds its cache
        began = time.perf_counter()
        await asyncio.gather(*(one_client(client, requests // clients) for _ in range(clients)))
        took = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100)
    rps = len(latencies) / took
    figures = {"rps": rps, "p50": cuts[49] * 1000, "p95": cuts[94] * 1000}
    return figures | {"n": len(latencies), "failed": len(failed)}


def cold(base: str, path: str) -> float:
    began = time.perf_counter()
    httpx.get(f"{base}{path}", timeout=600).raise_for_status()
    return (time.perf_counter() - began) * 1000


def report(results: dict[str, dict[str, float]]) -> None:
    base = results["health"]
    head = f"{'endpoint':<38} {'n':>5} {'non-200':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}"
    head += f" {'p95/health':>10}"
    print(f"\n{head}")
    for name, r in results.items():
        ratio = r["p95"] / base["p95"]
        figures = f"{r['rps']:>7,.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {ratio:>10.1f}"
        print(f"{name:<38} {r['n']:>5.0f} {r['failed']:>7.0f} {figures}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--db", help="ledger file; generated unless it exists")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=800, help="per endpoint, at most")
    parser.add_argument("--seconds", type=float, default=20, help="per endpoint, at most")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--serve", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port)
        return
    folder = tempfile.TemporaryDirectory()
    db = args.db or str(Path(folder.name) / "ledger.db")
    if not Path(db).exists():
        timed(f"generate {args.facts:,} facts", lambda: generate(db, args.facts))
        with Store.open(db) as store:
            timed("reconcile", lambda: print(reconcile_store(store).as_dict()))
    run(db, args)
    folder.cleanup()


def timed(label: str, step: Any) -> None:
    began = time.perf_counter()
    step()
    print(f"{label}: {time.perf_counter() - began:,.1f} s", flush=True)


def run(db: str, args: argparse.Namespace) -> None:
    base = f"http://127.0.0.1:{args.port}"
    with Store.open(db) as store, store.engine.connect() as connection:
        n = int(connection.scalar(sa.select(sa.func.count()).select_from(facts)) or 0)
    deep = n // 2
    paths = {
        "health": "/api/health",
        "scoreboard": "/api/scoreboard",
        "facts, first page": "/api/facts?limit=50",
        "facts, filtered": "/api/facts?type=commitment&funder=DEU&since=2024-06-01&limit=50",
        f"facts, deep page (offset {deep:,})": f"/api/facts?limit=50&offset={deep}",
    }
    child = start_server(db, args.port)
    try:
        print(f"scoreboard, first (cold) request: {cold(base, paths['scoreboard']):,.0f} ms")
        results = {
            name: asyncio.run(measure(base, path, args.clients, args.requests, args.seconds))
            for name, path in paths.items()
        }
    finally:
        child.terminate()
        child.wait(timeout=30)
    print(f"{n:,} facts; {args.clients} clients; per endpoint {args.requests} requests or")
    print(f"{args.seconds:.0f} s, whichever comes first")
    report(results)


if __name__ == "__main__":
    main()
