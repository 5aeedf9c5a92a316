"""Runs over the web against a real HTTP server on 127.0.0.1: feeds, pages, second rounds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from coprod.ingest import reasons
from coprod.ingest.feeds import MAX_FEED_ENTRIES
from coprod.ingest.fetch import make_client
from coprod.ingest_web import ingest_urls
from coprod.settings import Settings
from coprod.store import Store
from tests.web import FEED_HEADERS, ROBOTS, STORIES, Reply, Site, article, rss, serve, silent_port

SETTINGS = Settings(fetch_timeout=1.0, fetch_retries=1, host_rate=0)
DAY = "Fri, 04 Jul 2025 10:00:00 GMT"
CP1251 = (
    "<html lang='uk'><head><title>Угода</title></head><body><article><p>Україна та Норвегія "
    "підписали угоду про спільне виробництво снарядів, повідомило міністерство.</p>"
    "<p>Завод почне роботу до зими.</p></article></body></html>"
)


def _routes() -> dict[str, Reply]:
    feed = [
        ("/a.html", "Denmark (feed title)", DAY),
        ("/moved", "Lithuania", DAY),
        ("/missing.html", "Gone", DAY),
        ("/private/c.html", "Secret", DAY),
        ("/uk.html", "Угода", DAY),
    ]
    return {
        "/robots.txt": Reply(ROBOTS.encode(), headers={"Content-Type": "text/plain"}),
        "/feed.xml": Reply(rss(feed), headers=FEED_HEADERS, etag='"f1"'),
        "/plain-feed.xml": Reply(
            rss([("/a.html", "A", DAY), ("/d.html", "D", DAY)]), headers=FEED_HEADERS
        ),
        "/a.html": Reply(article("Denmark funds drones", STORIES["denmark"])),
        "/moved": Reply(status=301, headers={"Location": "/b.html"}),
        "/b.html": Reply(article("Lithuania pledges", STORIES["lithuania"])),
        "/d.html": Reply(article("Canada funds vehicles", STORIES["canada"])),
        "/private/c.html": Reply(article("Secret", STORIES["norway"])),
        "/uk.html": Reply(
            CP1251.encode("cp1251"), headers={"Content-Type": "text/html; charset=windows-1251"}
        ),
        "/page.html": Reply(article("Norway", STORIES["norway"]), etag='"p1"'),
    }


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(_routes()) as running:  # type: ignore[arg-type]
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(str(tmp_path / "web.db")) as opened:
        yield opened


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(SETTINGS) as made:
        yield made


def _docs(store: Store) -> dict[str, dict[str, object]]:
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT url, title, date, outlet, source, text FROM documents"
        )
        return {row.source: dict(row._mapping) for row in rows}


def test_a_feed_gives_its_pages_as_documents_and_names_each_failure(
    site: Site, store: Store, client: httpx.Client
) -> None:
    report = ingest_urls([site.url("/feed.xml")], store, SETTINGS, client)
    assert report.new == 3
    assert {r: len(s) for r, s in report.skipped_by_reason().items()} == {
        reasons.NOT_FOUND_HTTP: 1,
        reasons.ROBOTS_DISALLOWED: 1,
    }
    docs = _docs(store)
    denmark = docs[site.url("/a.html")]
    assert denmark["title"] == "Denmark funds drones" and denmark["date"] == "2025-07-04"
    assert denmark["url"] == site.url("/a.html") and denmark["outlet"] == "Loopback News"
    assert docs[site.url("/moved")]["url"] == site.url("/b.html")  # where the redirect led
    assert "Україна та Норвегія" in str(docs[site.url("/uk.html")]["text"])
    assert site.hits["/private/c.html"] == 0


def test_a_second_round_fetches_nothing_it_already_has(
    site: Site, store: Store, client: httpx.Client
) -> None:
    feeds = [site.url("/feed.xml"), site.url("/plain-feed.xml")]
    first = ingest_urls(feeds, store, SETTINGS, client)
    assert first.new == 4
    pages = {path: n for path, n in site.hits.items() if path.endswith(".html")}
    second = ingest_urls(feeds, store, SETTINGS, client)
    assert (second.new, second.known, second.skipped) == (0, 0, [])
    assert {path: n for path, n in site.hits.items() if path.endswith(".html")} == pages
    assert site.hits["/feed.xml"] == 2 and site.seen["/feed.xml"]["If-None-Match"] == '"f1"'
    assert site.hits["/plain-feed.xml"] == 2  # no validators: read again, its entries known
    assert store.counts().documents == 4


def test_a_page_given_by_hand_is_asked_for_conditionally(
    site: Site, store: Store, client: httpx.Client
) -> None:
    assert ingest_urls([site.url("/page.html")], store, SETTINGS, client).new == 1
    again = ingest_urls([site.url("/page.html")], store, SETTINGS, client)
    assert (again.new, again.skipped) == (0, [])
    assert site.seen["/page.html"]["If-None-Match"] == '"p1"'


def test_a_local_feed_file_has_its_entries_fetched(
    site: Site, store: Store, client: httpx.Client, tmp_path: Path
) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(rss([(site.url("/a.html"), "A", DAY), (site.url("/d.html"), "D", DAY)]))
    report = ingest_urls([], store, SETTINGS, client, feed_files=[path])
    assert report.new == 2 and site.hits["/a.html"] == 1


def test_an_entry_that_timed_out_is_tried_again_next_round(
    site: Site, store: Store, tmp_path: Path
) -> None:
    quick = Settings(fetch_timeout=0.2, fetch_retries=0, host_rate=0)
    with silent_port() as silent:
        site.routes["/mixed.xml"] = Reply(
            rss([("/a.html", "A", DAY), (silent + "/x.html", "X", DAY)]),
            headers=FEED_HEADERS,
            etag='"m"',
        )
        first = ingest_urls([site.url("/mixed.xml")], store, quick)
        second = ingest_urls([site.url("/mixed.xml")], store, quick)
    assert [s.reason for s in first.skipped] == [reasons.TIMEOUT]
    assert [s.reason for s in second.skipped] == [reasons.TIMEOUT]  # the feed was read again
    assert "If-None-Match" not in site.seen["/mixed.xml"] and site.hits["/a.html"] == 1


def test_a_ten_thousand_entry_feed_is_capped_and_the_run_goes_on(
    site: Site, store: Store, client: httpx.Client
) -> None:
    entries = [(f"/private/{i}", f"S{i}", DAY) for i in range(10_000)]  # robots.txt: unasked
    site.routes["/huge.xml"] = Reply(rss(entries), headers=FEED_HEADERS)
    settings = Settings(fetch_retries=0, host_rate=0, max_response_bytes=2_000_000)
    report = ingest_urls([site.url("/huge.xml"), site.url("/page.html")], store, settings, client)
    assert report.new == 1
    by_reason = report.skipped_by_reason()
    assert len(by_reason[reasons.FEED_TRUNCATED]) == 1
    assert len(by_reason[reasons.ROBOTS_DISALLOWED]) == MAX_FEED_ENTRIES


@pytest.mark.parametrize(
    ("status", "settled"), [(None, False), (200, True), (404, True), (408, False), (503, False)]
)
def test_which_answers_are_settled_and_not_asked_again(status: int | None, settled: bool) -> None:
    from coprod.ingest.fetch import FetchState
    from coprod.ingest_web import _settled

    assert _settled(FetchState("https://x.invalid/a", status=status)) is settled


class _Stop(Exception):
    """Raised from the progress callback: the run dies part-way, as a killed one would."""


@pytest.mark.parametrize("stop_after", [1, 2, 3, 5])
def test_a_run_that_dies_never_keeps_a_page_state_without_its_document(
    tmp_path: Path, client: httpx.Client, stop_after: int
) -> None:
    """A page's fetch state commits with its document or after it, never before: a state
    without its document would make the next round pass the page over for good."""
    pages = [f"/p{i}.html" for i in range(7)]
    routes: dict[str, Reply] = {
        "/robots.txt": Reply(ROBOTS.encode(), headers={"Content-Type": "text/plain"}),
        "/feed.xml": Reply(rss([(p, p, DAY) for p in pages]), headers=FEED_HEADERS),
    }
    for i, path in enumerate(pages):
        routes[path] = Reply(article(f"Story {i}", f"{STORIES['denmark']} Update number {i}."))
    heard = 0

    def dies(_item: object, _report: object) -> None:
        nonlocal heard
        heard += 1
        if heard == stop_after:
            raise _Stop

    with serve(routes) as site, Store.open(str(tmp_path / "dies.db"), batch_size=2) as store:  # type: ignore[arg-type]
        with pytest.raises(_Stop):
            ingest_urls([site.url("/feed.xml")], store, SETTINGS, client, progress=dies)
        with store.engine.connect() as connection:
            states = connection.exec_driver_sql(
                "SELECT url, content_sha FROM fetch_state WHERE content_sha IS NOT NULL"
            ).all()
            stored = {sha for (sha,) in connection.exec_driver_sql("SELECT sha256 FROM documents")}
    assert all(sha in stored for _, sha in states), "a page's state outlived its document"
