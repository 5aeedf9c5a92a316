"""Fetching against a real HTTP server on 127.0.0.1: every way a server can fail us."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator

import httpx
import pytest

from coprod.ingest import reasons
from coprod.ingest.fetch import FetchResult, FetchState, fetch, make_client
from coprod.settings import Settings
from tests.web import ROBOTS, Reply, Site, article, serve, silent_port

SETTINGS = Settings(fetch_timeout=1.0, fetch_retries=2, host_rate=0, max_response_bytes=50_000)
GZIP = {"Content-Encoding": "gzip"}
CP1251_PAGE = "<html><body><p>Україна та Данія підписали угоду.</p></body></html>"


def _flaky(failures: int) -> object:
    def route(_handler: object, hit: int) -> Reply:
        return Reply(b"down", 500) if hit <= failures else Reply(article("Back"))

    return route


ROUTES = {
    "/robots.txt": Reply(ROBOTS.encode(), headers={"Content-Type": "text/plain"}),
    "/page.html": Reply(
        article("Page"), etag='"v1"', last_modified="Fri, 04 Jul 2025 08:00:00 GMT"
    ),
    "/slow.html": Reply(article("Slow"), delay=0.3),
    "/flaky.html": _flaky(2),
    "/down.html": Reply(b"down", 503),
    "/moved": Reply(status=302, headers={"Location": "/page.html"}),
    "/loop": Reply(status=302, headers={"Location": "/loop"}),
    "/gone": Reply(b"gone", 410),
    "/huge": Reply(b"x" * 60_000),
    "/huge-undeclared": Reply(b"x" * 2_000_000, length=False),
    "/cp1251.html": Reply(
        CP1251_PAGE.encode("cp1251"), headers={"Content-Type": "text/html; charset=windows-1251"}
    ),
    "/private/secret.html": Reply(article("Secret")),
    "/bomb.html": Reply(  # 40 KB on the wire, 20 MB once inflated
        gzip.compress(b"<p>" * 7_000_000), headers={"Content-Type": "text/html", **GZIP}
    ),
    "/drip.html": Reply(article("Drip"), drip=0.05),
}


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(ROUTES) as running:  # type: ignore[arg-type]
        yield running


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(SETTINGS) as made:
        yield made


def _get(client: httpx.Client, url: str, state: FetchState | None = None) -> FetchResult:
    return fetch(client, url, state, SETTINGS, backoff=0.01)


def _reason(result: FetchResult) -> str | None:
    return None if result.skipped is None else result.skipped.reason


def test_a_page_comes_with_its_type_validators_and_our_user_agent(
    site: Site, client: httpx.Client
) -> None:
    result = _get(client, site.url("/page.html"))
    assert result.skipped is None and result.status == 200
    assert b"Page" in result.body and result.media_type == "text/html"
    assert (result.etag, result.last_modified) == ('"v1"', "Fri, 04 Jul 2025 08:00:00 GMT")
    assert site.seen["/page.html"]["User-Agent"] == SETTINGS.user_agent


def test_a_second_fetch_is_conditional_and_304_keeps_what_was_known(
    site: Site, client: httpx.Client
) -> None:
    first = _get(client, site.url("/page.html"))
    state = first.state(None, content_sha="a" * 64)
    second = _get(client, site.url("/page.html"), state)
    assert _reason(second) == reasons.NOT_MODIFIED and second.status == 304
    assert site.seen["/page.html"]["If-None-Match"] == '"v1"'
    assert site.seen["/page.html"]["If-Modified-Since"] == "Fri, 04 Jul 2025 08:00:00 GMT"
    kept = second.state(state)
    assert (kept.etag, kept.content_sha, kept.status) == ('"v1"', "a" * 64, 304)


def test_500s_are_retried_until_the_server_answers(site: Site, client: httpx.Client) -> None:
    result = _get(client, site.url("/flaky.html"))
    assert result.skipped is None and b"Back" in result.body
    assert site.hits["/flaky.html"] == 3


def test_a_server_that_keeps_failing_is_an_http_error_after_the_retries(
    site: Site, client: httpx.Client
) -> None:
    result = _get(client, site.url("/down.html"))
    assert _reason(result) == reasons.HTTP_ERROR and result.status == 503
    assert result.skipped is not None and "after 2 retries" in result.skipped.detail
    assert site.hits["/down.html"] == 3


def test_redirects_are_followed_and_the_final_url_kept(site: Site, client: httpx.Client) -> None:
    result = _get(client, site.url("/moved"))
    assert result.skipped is None and result.final_url == site.url("/page.html")


def test_a_redirect_loop_is_cut_and_named(site: Site, client: httpx.Client) -> None:
    result = _get(client, site.url("/loop"))
    assert _reason(result) == reasons.REDIRECT_LOOP
    assert site.hits["/loop"] == 6  # the first request and five redirects, never retried


def test_a_missing_page_is_named_and_not_retried(site: Site, client: httpx.Client) -> None:
    assert _reason(_get(client, site.url("/nowhere"))) == reasons.NOT_FOUND_HTTP
    assert _reason(_get(client, site.url("/gone"))) == reasons.NOT_FOUND_HTTP
    assert site.hits["/nowhere"] == 1


def test_a_body_over_the_cap_is_refused_whether_declared_or_not(
    site: Site, client: httpx.Client
) -> None:
    declared = _get(client, site.url("/huge"))
    assert _reason(declared) == reasons.TOO_LARGE_RESPONSE and declared.body == b""
    assert declared.skipped is not None and "60,000 bytes" in declared.skipped.detail
    streamed = _get(client, site.url("/huge-undeclared"))
    assert _reason(streamed) == reasons.TOO_LARGE_RESPONSE
    assert streamed.skipped is not None and "max_response_bytes" in streamed.skipped.detail


def test_the_declared_charset_is_kept_for_decoding(site: Site, client: httpx.Client) -> None:
    result = _get(client, site.url("/cp1251.html"))
    assert result.charset == "windows-1251"
    assert result.body.decode(result.charset) == CP1251_PAGE


def test_robots_txt_is_respected_and_read_once_per_host(site: Site, client: httpx.Client) -> None:
    refused = _get(client, site.url("/private/secret.html"))
    assert _reason(refused) == reasons.ROBOTS_DISALLOWED
    assert refused.skipped is not None and "robots.txt" in refused.skipped.detail
    assert _get(client, site.url("/page.html")).skipped is None
    assert site.hits["/private/secret.html"] == 0 and site.hits["/robots.txt"] == 1


def test_a_slow_host_within_the_timeout_is_waited_for(site: Site, client: httpx.Client) -> None:
    assert _get(client, site.url("/slow.html")).skipped is None


def test_a_server_that_never_answers_times_out_quickly() -> None:
    quick = Settings(fetch_timeout=0.2, fetch_retries=1, host_rate=0)
    started = time.monotonic()
    with silent_port() as base, make_client(quick) as client:
        result = fetch(client, base + "/page.html", None, quick, backoff=0.01)
    assert _reason(result) == reasons.TIMEOUT
    assert result.skipped is not None and "after 1 retries" in result.skipped.detail
    assert time.monotonic() - started < 3


def test_a_refused_connection_is_a_network_error() -> None:
    with silent_port() as base:
        pass  # closed: nothing listens there any more
    with make_client(SETTINGS) as client:
        result = fetch(client, base + "/", None, SETTINGS, backoff=0.01)
    assert _reason(result) == reasons.NETWORK_ERROR


def test_only_http_urls_are_fetched(client: httpx.Client) -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/x", "feed.xml"):
        assert _reason(_get(client, url)) == reasons.BAD_URL


def test_a_gzip_bomb_is_cut_at_the_cap_on_inflated_bytes(site: Site, client: httpx.Client) -> None:
    result = _get(client, site.url("/bomb.html"))
    assert _reason(result) == reasons.TOO_LARGE_RESPONSE


def test_a_server_that_trickles_is_cut_at_the_deadline(site: Site) -> None:
    quick = Settings(fetch_timeout=0.1, fetch_retries=0, host_rate=0)
    started = time.monotonic()
    with make_client(quick) as client:
        result = fetch(client, site.url("/drip.html"), None, quick)
    assert _reason(result) == reasons.TIMEOUT
    assert result.skipped is not None and "still arriving" in result.skipped.detail
    assert time.monotonic() - started < 2
