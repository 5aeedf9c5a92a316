"""The crawler's manners: the per-host rate limit and robots.txt, on a loopback server."""

from __future__ import annotations

import time

from coprod.ingest import reasons
from coprod.ingest.fetch import fetch, make_client
from coprod.ingest.polite import MAX_CRAWL_DELAY, HostLimiter
from coprod.settings import Settings
from tests.web import Reply, article, serve


def test_requests_to_one_host_are_spaced_by_the_rate() -> None:
    limiter = HostLimiter(rate=50)  # one request every 20 ms
    started = time.monotonic()
    for _ in range(5):
        limiter.wait("http://a.example")
    assert time.monotonic() - started >= 0.075
    assert limiter.wait("http://b.example") == 0  # another host has its own turn


def test_no_rate_means_no_waiting_and_crawl_delay_is_bounded() -> None:
    waits: list[float] = []
    limiter = HostLimiter(rate=0, sleep=waits.append)  # record the waits instead of waiting
    assert limiter.wait("http://a.example") == 0 == limiter.wait("http://a.example")
    limiter.slow_down("http://a.example", 10_000)
    limiter.wait("http://a.example")
    limiter.wait("http://a.example")
    assert len(waits) == 1 and 0 < waits[0] <= MAX_CRAWL_DELAY


def test_the_rate_applies_to_real_fetches() -> None:
    settings = Settings(host_rate=20, fetch_retries=0)
    with serve({"/a": Reply(article("A"))}) as site, make_client(settings) as client:
        started = time.monotonic()
        for _ in range(3):  # robots.txt (a 404 here), then three pages: four requests
            assert fetch(client, site.url("/a"), None, settings).skipped is None
        assert time.monotonic() - started >= 0.14


def test_a_failing_robots_txt_closes_the_site_and_a_missing_one_opens_it() -> None:
    settings = Settings(host_rate=0, fetch_retries=0)
    routes = {"/robots.txt": Reply(b"oops", 500), "/a": Reply(article("A"))}
    with serve(routes) as site, make_client(settings) as client:
        closed = fetch(client, site.url("/a"), None, settings)
    assert closed.skipped is not None and closed.skipped.reason == reasons.ROBOTS_DISALLOWED
    with serve({"/a": Reply(article("A"))}) as site, make_client(settings) as client:
        assert fetch(client, site.url("/a"), None, settings).skipped is None


def test_crawl_delay_slows_the_host_down() -> None:
    settings = Settings(host_rate=0, fetch_retries=0)
    robots = Reply(b"User-agent: coprod\nCrawl-delay: 1\n", headers={"Content-Type": "text/plain"})
    routes = {"/robots.txt": robots, "/a": Reply(article("A"))}
    with serve(routes) as site, make_client(settings) as client:
        started = time.monotonic()
        for _ in range(2):
            assert fetch(client, site.url("/a"), None, settings).skipped is None
        assert time.monotonic() - started >= 0.9  # robotparser reads whole seconds only
