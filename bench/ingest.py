"""Ingestion speed and memory: HTML pages/s beside trafilatura alone, and peak memory
while streaming a large WARC.

    python bench/ingest.py [--pages N] [--warc-mb N] [--quick]

1. Pages/s. N generated news pages (about 20 KB each: navigation, article, footer,
   metadata) are written to a temporary folder. coprod reads them with `read_sources`
   (file reading, decoding, the element guard, trafilatura, metadata); the baseline is
   trafilatura's `bare_extraction` alone on the same pages, already in memory. Both run
   in this process, one after the other; the ratio coprod/trafilatura should be >= 0.8.
2. Peak memory. A WARC of about `--warc-mb` MB (default 1024) of ~20 KB HTML responses
   is written with warcio's WARCWriter; a child process streams it through `read_warc`
   and its peak resident set (ru_maxrss) is printed beside the peak of a child that only
   imports coprod. The peak must stay flat, under 500 MB, whatever the archive's size.
Run on demand, never in tests. Figures are printed plainly.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trafilatura import bare_extraction
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from coprod.ingest import read_sources
from coprod.ingest.warc import read_warc
from coprod.model import Document
from coprod.settings import Settings

DEFAULT_PAGES = 300  # a run of several seconds for each side, so timer noise is small
DEFAULT_WARC_MB = 1024
QUICK_PAGES, QUICK_WARC_MB = 60, 20
WARM_UP_PAGES = 5  # first calls pay for imports and parser set-up: not timed
REPEATS = 3  # each side is timed this many times, alternating; the best time counts
MEMORY_CEILING_MB = 500  # what the issue allows while streaming a 1 GB WARC
SEED = 20250704
WORDS = (
    "Denmark Norway Sweden Ukraine drones artillery shells ministry said will pay fund "
    "production plant million billion euros agreement signed joint venture Kyiv Berlin "
    "the of and to for in with a by on from as under partners industry defence air"
).split()


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 70))).capitalize() + "."


def _page(n: int, rng: random.Random) -> str:
    """About 20 KB of a news page: menus, an article of paragraphs, a footer, metadata."""
    nav = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(40))
    body = "".join(f"<p>{_paragraph(rng)}</p>" for _ in range(rng.randint(45, 55)))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Story {n} | Bench Daily</title>"
        '<meta property="og:site_name" content="Bench Daily">'
        f'<link rel="canonical" href="https://bench.example/news/{n}">'
        '<meta property="article:published_time" content="2025-07-04T10:00:00Z">'
        f"</head><body><nav><ul>{nav}</ul></nav><article><h1>Story {n}</h1>{body}</article>"
        "<footer>Copyright Bench Daily. Subscribe to our newsletter.</footer></body></html>"
    )


def _pages(count: int) -> list[str]:
    rng = random.Random(SEED)
    return [_page(n, rng) for n in range(count)]


def bench_pages(count: int) -> None:
    pages = _pages(count + WARM_UP_PAGES)
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"{n:06d}.html" for n in range(len(pages))]
        for path, page in zip(paths, pages, strict=True):
            path.write_text(page, encoding="utf-8")
        _coprod(paths[:WARM_UP_PAGES])
        _trafilatura(pages[:WARM_UP_PAGES])
        ours, alone, docs = float("inf"), float("inf"), 0
        for _ in range(REPEATS):  # alternated, best of each: a fair draw of caches and clocks
            started = time.perf_counter()
            _trafilatura(pages[WARM_UP_PAGES:])
            alone = min(alone, time.perf_counter() - started)
            started = time.perf_counter()
            docs = _coprod(paths[WARM_UP_PAGES:])
            ours = min(ours, time.perf_counter() - started)
    mean_kb = sum(map(len, pages)) / len(pages) / 1000
    print(f"HTML pages: {count} pages of {mean_kb:.0f} KB on average; {docs} documents")
    print(f"  coprod read_sources:      {count / ours:8.1f} pages/s")
    print(f"  trafilatura alone:        {count / alone:8.1f} pages/s")
    print(f"  ratio coprod/trafilatura: {alone / ours:8.2f}  (target >= 0.8)")


def _coprod(paths: list[Path]) -> int:
    """coprod's whole HTML path, from files; the number of documents it made."""
    return sum(isinstance(item, Document) for item in read_sources(paths, Settings()))


def _trafilatura(pages: list[str]) -> None:
    """trafilatura alone, with the options coprod uses, on pages already in memory."""
    for page in pages:
        bare_extraction(page, with_metadata=True, include_comments=False)


def write_warc(path: Path, megabytes: int) -> int:
    """A WARC of about `megabytes` MB of HTML responses; the number of records written."""
    pages = [p.encode() for p in _pages(50)]
    target, written, count = megabytes * 1_000_000, 0, 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        while written < target:
            body = pages[count % len(pages)]
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record = writer.create_warc_record(
                f"https://bench.example/news/{count}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
            writer.write_record(record)
            written, count = out.tell(), count + 1
    return count


def bench_memory(megabytes: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.warc"
        started = time.perf_counter()
        records = write_warc(path, megabytes)
        size_mb = path.stat().st_size / 1e6
        print(
            f"WARC: {size_mb:,.0f} MB, {records:,} HTML responses, written in "
            f"{time.perf_counter() - started:.0f} s"
        )
        idle = _child_peak_mb(["--child-idle"])
        started = time.perf_counter()
        peak = _child_peak_mb(["--child-warc", str(path)])
        took = time.perf_counter() - started
    verdict = "ok" if peak < MEMORY_CEILING_MB else "OVER"
    print(f"  peak RSS importing coprod only:   {idle:7.0f} MB")
    print(
        f"  peak RSS streaming the WARC:      {peak:7.0f} MB  ({verdict}: ceiling "
        f"{MEMORY_CEILING_MB} MB)"
    )
    print(f"  streamed in {took:.0f} s: {records / took:,.0f} records/s, {size_mb / took:.1f} MB/s")


def _child_peak_mb(arguments: list[str]) -> float:
    """Run this script in a child with `arguments`; the child's peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, __file__, *arguments], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if after <= before:  # ru_maxrss of children is a running maximum: ask the child instead
        raise SystemExit("cannot tell the child's peak: run the memory bench first")
    return after / 1024  # Linux reports kilobytes


def _child(arguments: list[str]) -> None:
    if arguments[0] == "--child-warc":
        docs = sum(isinstance(d, Document) for d in read_warc(Path(arguments[1]), "b", Settings()))
        print(f"  child read {docs:,} documents")


def main() -> None:
    if sys.argv[1:2] in (["--child-idle"], ["--child-warc"]):
        _child(sys.argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES)
    parser.add_argument("--warc-mb", type=int, default=DEFAULT_WARC_MB)
    parser.add_argument("--quick", action="store_true", help="a small run of a few seconds")
    args = parser.parse_args()
    pages, warc_mb = (QUICK_PAGES, QUICK_WARC_MB) if args.quick else (args.pages, args.warc_mb)
    bench_memory(warc_mb)
    bench_pages(pages)


if __name__ == "__main__":
    main()
