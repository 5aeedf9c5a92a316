"""A run over the web: URLs of pages and feeds in, documents through the usual stages.

Each URL is fetched through the one client (`coprod.ingest.fetch`). A feed yields its
entries' pages; a page becomes a Document by the HTML reader and then goes through
extraction and the store exactly as a file does (`pipeline.ingest_items`). What each URL
gave is remembered in the ledger's `fetch_state`, in the same transaction as the
document, so the next round asks conditionally for feeds and pages given by hand, and
does not fetch again an entry it already has.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import chain
from pathlib import Path

import httpx

from coprod.ingest import read_sources, reasons
from coprod.ingest.feeds import (
    FEED_SUFFIXES,
    Feed,
    FeedEntry,
    is_feed,
    parse_feed,
    read_feed_file,
)
from coprod.ingest.fetch import RETRY_STATUSES, FetchResult, FetchState, fetch, make_client
from coprod.ingest.pages import page_document
from coprod.model import Document, Skipped
from coprod.pipeline import IngestReport, Progress, ingest_items
from coprod.settings import Settings
from coprod.store import Store

# Answers that may change by asking again: worth another fetch on a later round.
UNSETTLED_STATUSES = RETRY_STATUSES | {408}
TRANSIENT = frozenset({reasons.TIMEOUT, reasons.NETWORK_ERROR})  # worth another try next round
Items = Generator[Document | Skipped, None, bool]  # yields inputs; returns "nothing to retry"


def ingest_urls(
    urls: Iterable[str],
    store: Store,
    settings: Settings,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    *,
    feed_files: Iterable[Path] = (),
    label: str = "ingest",
) -> IngestReport:
    """Fetch `urls` (pages or feeds) and the entries of local `feed_files`, as one run."""
    with _client(client, settings) as fetching:
        items = web_items(urls, feed_files, store, settings, fetching)
        return ingest_items(items, store, progress, label=label, settings=settings)


def ingest_inputs(
    inputs: Iterable[str | Path],
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    *,
    client: httpx.Client | None = None,
    label: str = "ingest",
    reconcile: bool = True,
) -> IngestReport:
    """Files and folders, local feed files and http(s) URLs, in one run (`coprod ingest`)."""
    urls, feed_files, paths = split_inputs(inputs)
    with _client(client, settings) as fetching:
        web = web_items(urls, feed_files, store, settings, fetching)
        items = chain(read_sources(paths, settings), web)
        return ingest_items(
            items, store, progress, label=label, settings=settings, reconcile=reconcile
        )


def split_inputs(inputs: Iterable[str | Path]) -> tuple[list[str], list[Path], list[Path]]:
    """(http(s) URLs, local feed files, other paths), each in the order given."""
    urls: list[str] = []
    feed_files: list[Path] = []
    paths: list[Path] = []
    for given in inputs:
        name = str(given)
        if name.startswith(("http://", "https://")):
            urls.append(name)
        elif Path(name).suffix.lower() in FEED_SUFFIXES and Path(name).is_file():
            feed_files.append(Path(name))
        else:
            paths.append(Path(name))
    return urls, feed_files, paths


@contextmanager
def _client(client: httpx.Client | None, settings: Settings) -> Iterator[httpx.Client]:
    """The caller's client, or one made (and closed) for this run."""
    if client is not None:
        yield client
        return
    with make_client(settings) as made:
        yield made


def web_items(
    urls: Iterable[str],
    feed_files: Iterable[Path],
    store: Store,
    settings: Settings,
    client: httpx.Client,
) -> Iterator[Document | Skipped]:
    """Every document (or Skipped) the feed files and URLs give, fetched lazily."""
    round_ = _Round(store, settings, client)
    for path in feed_files:
        feed = read_feed_file(path, settings)
        if isinstance(feed, Skipped):
            yield feed
        else:
            yield from round_.entries(feed)
    for url in urls:
        if url not in round_.seen:
            round_.seen.add(url)
            yield from round_.url(url)


class _Round:
    """One pass over the inputs; remembers the URLs it has handled."""

    def __init__(self, store: Store, settings: Settings, client: httpx.Client) -> None:
        self.store, self.settings, self.client = store, settings, client
        self.seen: set[str] = set()

    def url(self, url: str) -> Items:
        """A URL given by hand: always asked for (conditionally), page or feed."""
        state = self.store.fetch_state(url)
        result = fetch(self.client, url, state, self.settings)
        if result.skipped is None and is_feed(result.media_type, result.body):
            return (yield from self._feed(result, state))
        return (yield from self._page(result, state, None))

    def entries(self, feed: Feed) -> Items:
        """The pages a feed announces that the ledger does not have yet."""
        yield from feed.skipped
        settled = True
        for entry in feed.entries:
            if entry.url in self.seen or _settled(self.store.fetch_state(entry.url)):
                continue
            self.seen.add(entry.url)
            result = fetch(self.client, entry.url, None, self.settings)
            settled = (yield from self._page(result, None, entry)) and settled
        return settled

    def _feed(self, result: FetchResult, state: FetchState | None) -> Items:
        """A fetched feed's entries; its state is kept after them, so a crash re-reads it."""
        feed = parse_feed(result.body, result.url, result.final_url)
        if isinstance(feed, Skipped):
            yield feed
            settled = True
        else:
            settled = yield from self.entries(feed)
        remembered = result.state(state)
        if not settled:  # an entry to retry: next round must read the whole feed again
            remembered = replace(remembered, etag=None, last_modified=None)
        self.store.save_fetch_state(remembered)
        return True

    def _page(
        self, result: FetchResult, state: FetchState | None, entry: FeedEntry | None
    ) -> Items:
        """One page's Document; its state is saved once the document is handled."""
        if result.skipped is not None:
            return (yield from self._failed(result, state))
        doc = page_document(result, entry, self.settings.max_html_elements)
        yield doc
        sha = doc.sha256 if isinstance(doc, Document) else None
        self.store.save_fetch_state(result.state(state, sha))
        return True

    def _failed(self, result: FetchResult, state: FetchState | None) -> Items:
        """A fetch that gave no body: named (unless merely unchanged), and kept if answered."""
        assert result.skipped is not None
        if result.skipped.reason != reasons.NOT_MODIFIED:
            yield result.skipped
        if result.status is not None:
            self.store.save_fetch_state(result.state(state))
        return result.skipped.reason not in TRANSIENT and result.status not in UNSETTLED_STATUSES


def _settled(state: FetchState | None) -> bool:
    """A URL fetched before with an answer that will not change by asking again."""
    if state is None or state.status is None:
        return False
    return state.status not in UNSETTLED_STATUSES
