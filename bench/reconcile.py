"""How fast facts become ledger entries: `reconcile(rows, decisions)` on generated facts.

Prints facts/s for reconciliation and for its baseline in the same run: converting every
fact to EUR and USD (work any reconciliation must do), and the ratio between the two.

    .venv/bin/python bench/reconcile.py [--facts 10000 50000 100000]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from datetime import date, timedelta
from typing import Any

from coprod.model import CATEGORIES, MECHANISMS
from coprod.reconcile import reconcile
from coprod.reconcile.entries import with_conversion

FUNDERS = ["DNK", "SWE", "NOR", "NLD", "LTU", "CAN", "DEU", "GBR", "FIN", "POL"]
CURRENCIES = ["EUR", "USD", "DKK", "SEK", "NOK", "GBP", "CAD"]
START = date(2024, 1, 1)


def rows(n: int, seed: int = 5) -> list[dict[str, Any]]:
    """n commitment facts over two years; about one in three repeats an earlier figure."""
    rnd = random.Random(seed)
    out: list[dict[str, Any]] = []
    for i in range(n):
        if out and rnd.random() < 0.33:
            base = rnd.choice(out[-200:])
            day = date.fromisoformat(base["document_date"]) + timedelta(days=rnd.randint(0, 20))
            row = base | {"document_date": day.isoformat()}
        else:
            row = _fresh(rnd)
        sha = hashlib.sha256(f"doc{i}".encode()).hexdigest()
        out.append(row | {"id": i + 1, "fact_key": f"{i:064x}", "document_sha": sha})
    return out


def _fresh(rnd: random.Random) -> dict[str, Any]:
    day = START + timedelta(days=rnd.randint(0, 730))
    return {
        "type": "commitment",
        "funder": [rnd.choice(FUNDERS)],
        "amount": float(rnd.randint(1, 900) * 1_000_000),
        "currency": rnd.choice(CURRENCIES),
        "alt": [],
        "qualifier": "exact",
        "mechanism": rnd.choice(MECHANISMS),
        "categories": rnd.sample(CATEGORIES, rnd.randint(0, 2)),
        "status": rnd.choice(["planned", "pledged", "allocated", "delivered"]),
        "cumulative": rnd.random() < 0.05,
        "year": None,
        "document_date": day.isoformat(),
        "document_url": f"https://news.example/{rnd.randint(0, 10**9)}",
        "evidence": "…",
    }


def convert_all(data: list[dict[str, Any]]) -> None:
    for row in data:
        with_conversion(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    args = parser.parse_args()
    print(f"{'facts':>8} {'convert/s':>11} {'reconcile/s':>12} {'ratio':>6} {'entries':>8}")
    for n in args.facts:
        data = rows(n)
        start = time.perf_counter()
        convert_all(data)
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        entries = reconcile(data, [])
        took = time.perf_counter() - start
        rates = f"{n / baseline:>11,.0f} {n / took:>12,.0f} {took / baseline:>6.1f}"
        print(f"{n:>8} {rates} {len(entries):>8}")


if __name__ == "__main__":
    main()
