"""RSS and Atom feeds into entry links, titles and dates; bounded however long the feed."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.ingest import reasons
from coprod.ingest.feeds import (
    MAX_FEED_ENTRIES,
    Feed,
    FeedEntry,
    is_feed,
    parse_feed,
    read_feed_file,
)
from coprod.model import Skipped
from coprod.settings import Settings
from tests.web import rss

DAY = "Fri, 04 Jul 2025 10:00:00 GMT"
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Loopback</title>
<entry><title>Denmark &amp; Ukraine</title><link href="/news/dk"/>
<updated>2025-07-04T10:00:00Z</updated></entry>
<entry><title>No link here</title><updated>2025-07-05T10:00:00Z</updated></entry>
</feed>"""


def _feed(data: bytes, base: str | None = None) -> Feed:
    feed = parse_feed(data, "feed", base)
    assert isinstance(feed, Feed), feed
    return feed


def test_rss_entries_give_link_title_and_day() -> None:
    feed = _feed(rss([("https://news.example/a", "Story A", DAY)]))
    assert feed.entries == [FeedEntry("https://news.example/a", "Story A", "2025-07-04")]
    assert feed.skipped == []


def test_atom_links_are_resolved_on_the_feed_url_and_linkless_entries_named() -> None:
    feed = _feed(ATOM, "https://news.example/feeds/atom.xml")
    assert feed.entries == [
        FeedEntry("https://news.example/news/dk", "Denmark & Ukraine", "2025-07-04")
    ]
    assert [(s.source, s.reason) for s in feed.skipped] == [("feed#2", reasons.BAD_FEED)]


def test_a_feed_of_ten_thousand_entries_is_cut_quickly_and_the_cut_named() -> None:
    entries = [(f"https://news.example/{i}", f"Story {i}", DAY) for i in range(10_000)]
    data = rss(entries)
    started = time.monotonic()
    feed = _feed(data)
    assert time.monotonic() - started < 1.5
    assert len(feed.entries) == MAX_FEED_ENTRIES
    assert feed.entries[-1].url == f"https://news.example/{MAX_FEED_ENTRIES - 1}"
    [cut] = feed.skipped
    assert cut.reason == reasons.FEED_TRUNCATED and "10,000 entries" in cut.detail


def test_html_or_junk_is_no_feed() -> None:
    for junk in (b"<html><body><p>hello</p></body></html>", b"", b"\x00\xff garbage"):
        skipped = parse_feed(junk, "x", None)
        assert isinstance(skipped, Skipped) and skipped.reason == reasons.BAD_FEED


def test_a_feed_is_known_by_its_type_or_its_root_element() -> None:
    assert is_feed("application/rss+xml", b"")
    assert is_feed("text/xml", rss([]))
    assert is_feed("", ATOM)
    assert not is_feed("text/xml", b"<?xml version='1.0'?><sitemap/>")
    assert not is_feed("text/html", rss([]))


def test_a_local_feed_file_is_read_and_a_missing_one_named(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(rss([("https://news.example/a", "A", DAY)]))
    feed = read_feed_file(path, Settings())
    assert isinstance(feed, Feed) and [e.url for e in feed.entries] == ["https://news.example/a"]
    missing = read_feed_file(tmp_path / "nope.xml", Settings())
    assert isinstance(missing, Skipped) and missing.reason == reasons.NOT_FOUND
    big = read_feed_file(path, Settings(max_doc_bytes=10))
    assert isinstance(big, Skipped) and big.reason == reasons.TOO_LARGE


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_give_a_feed_or_a_named_skip(data: bytes) -> None:
    assert isinstance(parse_feed(data, "x", "https://news.example/"), Feed | Skipped)
