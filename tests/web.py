"""A real HTTP server on 127.0.0.1 for the fetching tests: pages, feeds and bad behaviour.

`Site` serves a table of routes from a thread on an ephemeral port and counts the hits
on each path; `silent_port()` is a socket that accepts connections and never answers.
Nothing here reaches beyond the loopback interface.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Loopback News">
<meta property="article:published_time" content="2025-07-04T10:00:00+02:00">
</head><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
<p>{text}</p>
<p>The ministry said the programme would continue through the next year, officials added.</p>
</article><footer>Copyright Loopback News. Subscribe to our newsletter.</footer></body></html>"""

DENMARK_TEXT = "Denmark will pay Ukrainian manufacturers DKK 1.3 billion for drones."
STORIES = {  # distinct enough that none is a near-duplicate of another
    "denmark": DENMARK_TEXT + " Copenhagen named the first three factories in its statement.",
    "lithuania": "Lithuania pledged 0.25% of its GDP a year to Ukraine's defence industry, "
    "and Vilnius will provide 20 million euros for drones built near Lviv.",
    "norway": "Norway signed an agreement on joint production of artillery shells with Ukraine; "
    "the plant in Rogaland is to start work before the winter, ministers said on Monday.",
    "canada": "Canada will fund armoured vehicles assembled in Ukraine with C$200 million, "
    "the defence minister told reporters in Ottawa after meeting Ukrainian officials.",
}
ROBOTS = "User-agent: *\nDisallow: /private/\n"


def article(title: str, text: str = DENMARK_TEXT) -> bytes:
    return ARTICLE.format(title=title, text=text).encode("utf-8")


@dataclass
class Reply:
    """A canned answer; with `etag` it answers 304 to a matching If-None-Match."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    length: bool = True  # send Content-Length (else the body runs to the connection's end)
    drip: float = 0.0  # seconds between single bytes of the body: a server that trickles


Route = Reply | Callable[[BaseHTTPRequestHandler, int], Reply]  # (handler, hit number)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        path = self.path
        with self.server.lock:
            self.server.hits[path] += 1
            hit = self.server.hits[path]
            self.server.seen[path] = dict(self.headers.items())
        route = self.server.routes.get(path, Reply(b"no such page", 404))
        reply = route if isinstance(route, Reply) else route(self, hit)
        time.sleep(reply.delay)
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        validators = {"ETag": reply.etag, "Last-Modified": reply.last_modified}
        unchanged = reply.etag is not None and self.headers.get("If-None-Match") == reply.etag
        self.send_response(304 if unchanged else reply.status)
        for name, value in {**reply.headers, **validators}.items():
            if value is not None:
                self.send_header(name, value)
        if unchanged:
            self.end_headers()
            return
        if reply.length:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if not reply.drip:
            self.wfile.write(reply.body)
        for byte in reply.body if reply.drip else b"":
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(reply.drip)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes = routes
        self.hits: Counter[str] = Counter()
        self.seen: dict[str, dict[str, str]] = {}
        self.lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up on a too-large body is expected here


class Site:
    """The server's base URL, its routes (changeable while it runs) and its hit counts."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        self.base = f"http://127.0.0.1:{server.server_address[1]}"
        self.routes = server.routes
        self.hits = server.hits
        self.seen = server.seen

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Site]:
    server = _Server(dict(routes))
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield Site(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def silent_port() -> Iterator[str]:
    """http://127.0.0.1:PORT of a socket that accepts connections and never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)  # the kernel completes handshakes; nobody ever reads or writes
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def rss(entries: list[tuple[str, str, str]], title: str = "Loopback feed") -> bytes:
    """An RSS 2.0 feed of (link, title, RFC 822 date) entries."""
    items = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
        for link, t, d in entries
    )
    head = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}'
    return f"{head}</title>{items}</channel></rss>".encode()


FEED_HEADERS = {"Content-Type": "application/rss+xml; charset=utf-8"}
