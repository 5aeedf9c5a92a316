"""RSS and Atom feeds, read by feedparser: the links of the articles a feed announces.

A feed comes as bytes (fetched, or a local file) and is handed to feedparser wrapped in a
stream, so feedparser never opens a URL or a file itself: coprod's one transport seam
stays the only one. A feed with more than `MAX_FEED_ENTRIES` entries is cut before the
next entry and the rest never parsed; the cut is reported as `feed_truncated`.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from coprod.ingest import reasons
from coprod.ingest.decode import normalise
from coprod.model import Skipped
from coprod.settings import Settings

MAX_FEED_ENTRIES = 1000  # a news feed holds tens of entries; thousands is an archive or an attack
SNIFF_BYTES = 1024  # how far into a body its root element is looked for
FEED_SUFFIXES = (".xml", ".rss", ".atom")  # local files read as feeds
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
    }
)
_ROOT = re.compile(rb"<(?:\w+:)?(?:rss|feed|RDF)[\s>]")
_ENTRY_END = re.compile(rb"</(?:\w+:)?(?:item|entry)\s*>")
_TAG = re.compile(rb"<(/?)([\w:.-]+)[^>]*?(/?)>")
_OPAQUE = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.DOTALL)  # no elements inside


@dataclass(frozen=True)
class FeedEntry:
    """One announced article: its absolute link, and the title and date the feed gives."""

    url: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD


@dataclass(frozen=True)
class Feed:
    source: str
    entries: list[FeedEntry]
    skipped: list[Skipped] = field(default_factory=list)  # a truncation, entries without links


def is_feed(media_type: str, body: bytes) -> bool:
    """A feed by its declared type, or (type unknown or generic) by its root element."""
    if media_type in FEED_TYPES - {"application/xml", "text/xml"}:
        return True
    if media_type in ("text/html", "application/xhtml+xml", "text/plain"):
        return False
    return _ROOT.search(body[:SNIFF_BYTES]) is not None


def parse_feed(data: bytes, source: str, base_url: str | None = None) -> Feed | Skipped:
    """The entries of an RSS or Atom document; relative links are resolved on `base_url`."""
    data, total = _cut(data, MAX_FEED_ENTRIES)
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(
        io.BytesIO(data), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception") or "no RSS or Atom root element"
        return Skipped(source, reasons.BAD_FEED, f"not a feed: {problem}")
    feed = Feed(source, [])
    for number, raw in enumerate(parsed.entries[:MAX_FEED_ENTRIES], start=1):
        _add_entry(feed, raw, number, base_url)
    if total > MAX_FEED_ENTRIES:
        detail = f"{total:,} entries; the first {MAX_FEED_ENTRIES:,} are read (MAX_FEED_ENTRIES)"
        feed.skipped.append(Skipped(source, reasons.FEED_TRUNCATED, detail))
    return feed


def read_feed_file(path: Path, settings: Settings) -> Feed | Skipped:
    """A local feed file, read whole up to `max_doc_bytes`."""
    try:
        with path.open("rb") as handle:
            data = handle.read(settings.max_doc_bytes + 1)
    except OSError as err:
        reason = reasons.NOT_FOUND if isinstance(err, FileNotFoundError) else reasons.UNREADABLE
        return Skipped(str(path), reason, f"cannot read: {err.strerror}")
    if len(data) > settings.max_doc_bytes:
        detail = f"over the limit of {settings.max_doc_bytes:,} bytes (max_doc_bytes)"
        return Skipped(str(path), reasons.TOO_LARGE, detail)
    return parse_feed(data, str(path))


def _add_entry(feed: Feed, raw: feedparser.FeedParserDict, number: int, base: str | None) -> None:
    link = str(raw.get("link") or "").strip()
    if not link:
        feed.skipped.append(
            Skipped(f"{feed.source}#{number}", reasons.BAD_FEED, "entry has no link")
        )
        return
    title = raw.get("title")
    feed.entries.append(
        FeedEntry(
            url=urljoin(base, link) if base else link,
            title=normalise(str(title)).strip() or None if title else None,
            date=_day(raw.get("published_parsed") or raw.get("updated_parsed")),
        )
    )


def _day(parsed: time.struct_time | None) -> str | None:
    if parsed is None:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _cut(data: bytes, limit: int) -> tuple[bytes, int]:
    """The feed up to the end of entry `limit`, its open elements closed; and the entry count.

    feedparser reads the whole document it is given; cutting first keeps a feed of
    10,000 entries as quick to read as one of `limit`.
    """
    ends = [match.end() for match in _ENTRY_END.finditer(data)]
    if len(ends) <= limit:
        return data, len(ends)
    kept = data[: ends[limit - 1]]
    return kept + _closing_tags(kept), len(ends)


def _closing_tags(head: bytes) -> bytes:
    """End tags for the elements still open at the end of `head` (the feed's root, channel)."""
    stack: list[bytes] = []
    for closing, name, empty in _TAG.findall(_OPAQUE.sub(b"", head)):
        if empty:
            continue
        if not closing:
            stack.append(name)
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
    return b"".join(b"</" + name + b">" for name in reversed(stack))
