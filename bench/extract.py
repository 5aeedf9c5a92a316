"""Extraction speed: documents per second on one core, beside a baseline from the same run.

    python bench/extract.py [--docs N]

The documents are the demo articles (src/coprod/demo/articles.jsonl), or the shared dev
corpus when the demo set is absent, repeated and shuffled up to N (default 5,000) with a
distinct id each. The baseline reads the JSON Lines into documents and splits their
sentences (the extractor's own splitter); the measured pass reads them and runs
`extract_facts`. Both read from memory, so disk speed does not enter the figures.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path

from coprod.evaluation import read_documents
from coprod.extract import extract_facts
from coprod.extract.sentences import split_sentences
from coprod.model import Document

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    ROOT / "src" / "coprod" / "demo" / "articles.jsonl",
    ROOT.parent / "shared" / "corpus" / "dev" / "docs.jsonl",
)
DEFAULT_DOCS = 5_000  # enough for a run of several seconds, so timer noise is small
WARM_UP_DOCS = 20  # first calls pay for imports and regex compilation: not timed
SEED = 20250704  # a fixed shuffle, so two runs time the same sequence


def _articles() -> tuple[Path, list[dict[str, object]]]:
    for path in SOURCES:
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            return path, [json.loads(line) for line in lines if line.strip()]
    raise SystemExit("no articles: neither " + " nor ".join(map(str, SOURCES)) + " exists")


def _corpus(articles: list[dict[str, object]], count: int) -> bytes:
    """`count` JSON Lines records: the articles repeated and shuffled, each id distinct."""
    rng = random.Random(SEED)
    records: list[dict[str, object]] = []
    while len(records) < count:
        batch = [a | {"id": f"{a.get('id')}#{len(records) + i}"} for i, a in enumerate(articles)]
        rng.shuffle(batch)
        records.extend(batch[: count - len(records)])
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def _timed(blob: bytes, work: Callable[[Document], object]) -> tuple[int, float]:
    """Documents read from `blob` and handed to `work`, and the seconds it took."""
    done, start = 0, time.perf_counter()
    for item in read_documents(io.BytesIO(blob), "bench"):
        if isinstance(item, Document):
            work(item)
            done += 1
    return done, time.perf_counter() - start


def _one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "one process (no CPU pinning on this platform)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"one process pinned to CPU {core}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help="documents to time")
    count = parser.parse_args().docs
    if count < 1:
        parser.error("--docs must be at least 1")
    source, articles = _articles()
    blob = _corpus(articles, count)
    print(f"documents: {count:,} ({len(articles)} articles from {source}); {_one_core()}")
    _timed(_corpus(articles, WARM_UP_DOCS), extract_facts)
    base_docs, base_s = _timed(blob, lambda doc: split_sentences(doc.text))
    docs, seconds = _timed(blob, extract_facts)
    print(f"baseline   (read + split sentences): {base_s:8.3f} s {base_docs / base_s:10.1f} docs/s")
    print(f"extraction (read + extract_facts):   {seconds:8.3f} s {docs / seconds:10.1f} docs/s")
    print(f"ratio: extraction takes {seconds / base_s:.1f}x the baseline's time per document")


if __name__ == "__main__":
    main()
