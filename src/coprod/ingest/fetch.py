"""The one transport seam: every byte coprod reads from the network comes through here.

`make_client(settings)` builds the only `httpx.Client` coprod uses: an honest User-Agent,
timeouts, a cap on redirects, and the crawler's manners (`polite.Guard`: per-host rate limit
and robots.txt) on every request. `fetch(client, url, state, settings)` gets one URL:
conditionally when `state` remembers an ETag or Last-Modified, retrying 5xx and network
errors with exponential backoff, and reading the body only up to `max_response_bytes`.
It never raises for what a server does: each failure is a `FetchResult` carrying a
`Skipped` with a reason code from `coprod.ingest.reasons`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import httpx

from coprod.ingest import reasons
from coprod.ingest.polite import Disallowed, Guard, HostLimiter, Robots
from coprod.model import Skipped
from coprod.settings import Settings

MAX_REDIRECTS = 5  # RFC 9309 asks crawlers to follow at least five; more is a loop
BACKOFF_SECONDS = 0.5  # first wait before a retry; doubled for each retry after
MAX_BACKOFF_SECONDS = 30.0  # no single wait longer, whatever Retry-After says
DEADLINE_FACTOR = 6  # a whole fetch may take this many fetch_timeouts (a slow drip is cut)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})  # the server may answer next time
GONE_STATUSES = frozenset({404, 410})


@dataclass(frozen=True)
class FetchState:
    """What the ledger remembers of a URL (table `fetch_state`)."""

    url: str
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    status: int | None = None
    content_sha: str | None = None
    fetched_at: datetime | None = None


@dataclass(frozen=True)
class FetchResult:
    """One fetch: the body and what the server said of it, or `skipped` saying why not."""

    url: str
    final_url: str
    status: int | None = None  # None: no HTTP answer (network error, robots.txt)
    body: bytes = b""
    media_type: str = ""  # e.g. text/html, lower case, without parameters
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None  # the server's Retry-After, for a retryable status
    skipped: Skipped | None = None

    def state(self, previous: FetchState | None, content_sha: str | None = None) -> FetchState:
        """The state to remember after this fetch; a 304 keeps the earlier validators."""
        old = previous or FetchState(self.url)
        return FetchState(
            url=self.url,
            final_url=self.final_url,
            etag=self.etag or old.etag,
            last_modified=self.last_modified or old.last_modified,
            status=self.status,
            content_sha=content_sha or (old.content_sha if self.status == 304 else None),
            fetched_at=datetime.now(UTC),
        )


class _Refused(Exception):
    """A response that will not be read: its reason code and detail."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason, self.detail = reason, detail


def make_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The client every fetch uses; `transport` lets a test choose where requests go."""
    guard = Guard(HostLimiter(settings.host_rate))
    client = httpx.Client(
        headers={"User-Agent": settings.user_agent},
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        transport=transport,
        event_hooks={"request": [guard]},
    )
    guard.robots = Robots(client, settings.user_agent, guard.limiter)
    return client


def fetch(
    client: httpx.Client,
    url: str,
    state: FetchState | None,
    settings: Settings,
    *,
    backoff: float = BACKOFF_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchResult:
    """GET `url` once, or a few times when the server or network fails for a while."""
    if not url.startswith(("http://", "https://")):
        return _skip(url, None, reasons.BAD_URL, "only http:// and https:// URLs are fetched")
    headers = _conditions(state)
    result, attempt = _attempt(client, url, headers, settings), 0
    while attempt < settings.fetch_retries and _retryable(result):
        sleep(_wait(result, attempt, backoff))
        result, attempt = _attempt(client, url, headers, settings), attempt + 1
    return _after_retries(result, attempt)


def _conditions(state: FetchState | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from what the last fetch of this URL saw."""
    headers = {}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _attempt(
    client: httpx.Client, url: str, headers: dict[str, str], settings: Settings
) -> FetchResult:
    try:
        with client.stream("GET", url, headers=headers) as response:
            return _read(response, url, settings)
    except Disallowed as exc:
        return _skip(url, None, reasons.ROBOTS_DISALLOWED, exc.why)
    except httpx.TooManyRedirects:
        detail = f"more than {MAX_REDIRECTS} redirects (a loop, or a chain too long)"
        return _skip(url, None, reasons.REDIRECT_LOOP, detail)
    except httpx.TimeoutException as exc:
        detail = f"no answer within {settings.fetch_timeout:g} s ({type(exc).__name__})"
        return _skip(url, None, reasons.TIMEOUT, detail)
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        return _skip(url, None, reasons.BAD_URL, str(exc))
    except (httpx.TransportError, httpx.StreamError) as exc:
        return _skip(url, None, reasons.NETWORK_ERROR, f"{type(exc).__name__}: {exc}")
    except _Refused as exc:
        return _skip(url, None, exc.reason, exc.detail)


def _read(response: httpx.Response, url: str, settings: Settings) -> FetchResult:
    """The response as a result; the body is read only for a 200 and only up to the cap."""
    final, status = str(response.url), response.status_code
    if status == 304:
        return _skip(url, final, reasons.NOT_MODIFIED, "HTTP 304: unchanged", status, response)
    if status in GONE_STATUSES:
        return _skip(url, final, reasons.NOT_FOUND_HTTP, f"HTTP {status}", status, response)
    if status != 200:
        return _skip(url, final, reasons.HTTP_ERROR, f"HTTP {status}", status, response)
    body = _body(response, settings)
    media_type, _, _ = response.headers.get("content-type", "").partition(";")
    return FetchResult(
        url=url,
        final_url=final,
        status=status,
        body=body,
        media_type=media_type.strip().lower(),
        charset=response.charset_encoding,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _body(response: httpx.Response, settings: Settings) -> bytes:
    """At most `max_response_bytes`, within the fetch's deadline; else `_Refused`."""
    limit = settings.max_response_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _Refused(reasons.TOO_LARGE_RESPONSE, _too_large(f"{int(declared):,}", limit))
    deadline = time.monotonic() + DEADLINE_FACTOR * settings.fetch_timeout
    data = bytearray()
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) > limit:
            raise _Refused(reasons.TOO_LARGE_RESPONSE, _too_large(f"over {limit:,}", limit))
        if time.monotonic() > deadline:
            detail = f"body still arriving after {DEADLINE_FACTOR * settings.fetch_timeout:g} s"
            raise _Refused(reasons.TIMEOUT, detail)
    return bytes(data)


def _too_large(size: str, limit: int) -> str:
    return f"{size} bytes, over the limit of {limit:,} (max_response_bytes); not read further"


def _skip(
    url: str,
    final_url: str | None,
    reason: str,
    detail: str,
    status: int | None = None,
    response: httpx.Response | None = None,
) -> FetchResult:
    headers = response.headers if response is not None else httpx.Headers()
    return FetchResult(
        url=url,
        final_url=final_url or url,
        status=status,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        retry_after=headers.get("retry-after"),
        skipped=Skipped(url, reason, detail),
    )


def _retryable(result: FetchResult) -> bool:
    if result.skipped is None:
        return False
    if result.skipped.reason in (reasons.TIMEOUT, reasons.NETWORK_ERROR):
        return True
    return result.status in RETRY_STATUSES


def _wait(result: FetchResult, attempt: int, backoff: float) -> float:
    """Exponential backoff; a server's Retry-After in seconds is honoured, within bounds."""
    retry_after = (result.retry_after or "").strip()
    wait = float(retry_after) if retry_after.isdigit() else backoff * 2**attempt
    return min(wait, MAX_BACKOFF_SECONDS)


def _after_retries(result: FetchResult, attempt: int) -> FetchResult:
    """Name the retries in the detail of a failure that survived them."""
    skip = result.skipped
    if skip is None or attempt == 0 or not _retryable(result):
        return result
    named = Skipped(skip.source, skip.reason, f"{skip.detail} (after {attempt} retries)")
    return replace(result, skipped=named)
