"""Manners of a crawler: a per-host rate limit and robots.txt, for every request sent.

`Guard` is installed by `coprod.ingest.fetch.make_client` as the client's request hook,
so no request escapes it — redirects and robots.txt itself included. robots.txt is read
once per host through the same client and cached for the client's life; its status is read
as RFC 9309 says: 4xx means no rules, 5xx means the whole site is closed.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable

import httpx

ROBOTS_PATH = "/robots.txt"
MAX_ROBOTS_BYTES = 500_000  # RFC 9309 lets a crawler stop reading robots.txt past 500 KiB
MAX_CRAWL_DELAY = 30.0  # seconds: a longer Crawl-delay is read as this (it would stall a run)
CLOSED = ["User-agent: *", "Disallow: /"]  # the rules of a site whose robots.txt fails (5xx)


class Disallowed(Exception):
    """robots.txt of the URL's host asks crawlers to keep away from it."""

    def __init__(self, url: str, why: str) -> None:
        super().__init__(f"{url}: {why}")
        self.url, self.why = url, why


class HostLimiter:
    """At most `rate` requests per second to any one host; `rate <= 0` means no limit."""

    def __init__(self, rate: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._slower: dict[str, float] = {}  # hosts that asked for a longer interval
        self._next: dict[str, float] = {}  # host -> earliest time of its next request
        self._lock = threading.Lock()
        self._sleep = sleep

    def slow_down(self, host: str, interval: float) -> None:
        """Wait at least `interval` seconds between requests to `host` (a Crawl-delay)."""
        self._slower[host] = min(max(interval, 0.0), MAX_CRAWL_DELAY)

    def wait(self, host: str) -> float:
        """Block until a request to `host` is allowed; return the seconds waited."""
        interval = max(self._interval, self._slower.get(host, 0.0))
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + interval
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return delay


class Robots:
    """robots.txt rules per host, fetched on first need and kept."""

    def __init__(self, client: httpx.Client, user_agent: str, limiter: HostLimiter) -> None:
        self._client, self._agent, self._limiter = client, user_agent, limiter
        self._rules: dict[str, urllib.robotparser.RobotFileParser] = {}

    def check(self, url: httpx.URL) -> None:
        """Raise `Disallowed` when the host's robots.txt keeps this crawler from `url`."""
        if url.path == ROBOTS_PATH:
            return
        host = _host(url)
        rules = self._rules.get(host)
        if rules is None:
            rules = self._rules[host] = self._read(url)
            delay = rules.crawl_delay(self._agent)
            if delay is not None:
                self._limiter.slow_down(host, float(delay))
        if not rules.can_fetch(self._agent, str(url)):
            raise Disallowed(str(url), f"disallowed by {_robots_url(url)}")

    def _read(self, url: httpx.URL) -> urllib.robotparser.RobotFileParser:
        """The host's rules; network errors propagate (nothing is cached for the host)."""
        robots_url = _robots_url(url)
        rules = urllib.robotparser.RobotFileParser(str(robots_url))
        with self._client.stream("GET", robots_url) as response:
            if response.status_code >= 500:
                rules.parse(CLOSED)  # RFC 9309: an unreachable robots.txt closes the site
            elif response.status_code < 400:
                rules.parse(_capped_text(response).splitlines())
            else:
                rules.parse([])  # 4xx: the site states no rules
        return rules


def _capped_text(response: httpx.Response) -> str:
    data = bytearray()
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) >= MAX_ROBOTS_BYTES:
            break
    return bytes(data[:MAX_ROBOTS_BYTES]).decode("utf-8", errors="replace")


class Guard:
    """The request hook: wait for the host's turn, then check robots.txt."""

    def __init__(self, limiter: HostLimiter) -> None:
        self.limiter = limiter
        self.robots: Robots | None = None  # set once the client exists

    def __call__(self, request: httpx.Request) -> None:
        if self.robots is not None:
            self.robots.check(request.url)  # may send the robots.txt request first
        self.limiter.wait(_host(request.url))


def _host(url: httpx.URL) -> str:
    """host:port, the unit the rate limit and robots.txt apply to."""
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{url.host}{port}"


def _robots_url(url: httpx.URL) -> httpx.URL:
    return url.copy_with(path=ROBOTS_PATH, query=None, fragment=None)
