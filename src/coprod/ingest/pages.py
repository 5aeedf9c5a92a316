"""A fetched page as a Document: decoded by its declared charset, read by the HTML reader.

The charset the server declares wins, then the page's own `<meta charset>`, then the
decoding cascade of `coprod.ingest.decode` (which detects legacy encodings such as
cp1251). Title and date the page does not state are taken from the feed entry that
announced it; the page's canonical URL, else the URL it was fetched from, is its URL.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace

from coprod.ingest import reasons
from coprod.ingest.decode import decode, has_nul, normalise
from coprod.ingest.feeds import FeedEntry
from coprod.ingest.fetch import FetchResult
from coprod.ingest.html import HTML_TYPES as WEB_PAGE_TYPES
from coprod.ingest.html import html_to_document
from coprod.ingest.meta import host_of
from coprod.ingest.plain import title_of
from coprod.model import Document, Skipped
from coprod.settings import MAX_HTML_ELEMENTS

HTML_TYPES = (*WEB_PAGE_TYPES, "")  # "" : the server did not say
TEXT_TYPES = ("text/plain",)
META_SNIFF_BYTES = 4096  # a <meta charset> is in the head, near the top
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def page_document(
    result: FetchResult, entry: FeedEntry | None = None, max_elements: int = MAX_HTML_ELEMENTS
) -> Document | Skipped:
    """The page's main text and metadata, or a Skipped saying why there is none."""
    source = result.url
    if result.media_type not in HTML_TYPES + TEXT_TYPES:
        detail = f"content type {result.media_type!r} is not a web page, text or feed"
        return Skipped(source, reasons.NOT_A_PAGE, detail)
    if has_nul(result.body):
        return Skipped(source, reasons.BINARY, "contains NUL bytes: not a page")
    text = page_text(result.body, result.charset)
    if not text.strip():
        return Skipped(source, reasons.EMPTY, "empty page")
    doc_id = result.final_url
    if result.media_type in TEXT_TYPES:
        doc: Document | Skipped = Document(id=doc_id, text=text, title=title_of(text))
    else:
        doc = html_to_document(text, doc_id, source, max_elements)
    return doc if isinstance(doc, Skipped) else _completed(doc, result, entry)


def page_text(body: bytes, charset: str | None) -> str:
    """The body decoded by the first charset that fits: declared, in the page, detected."""
    for name in (charset, _meta_charset(body)):
        if name and _known_codec(name):
            try:
                return normalise(body.decode("utf-8-sig" if _is_utf8(name) else name))
            except UnicodeDecodeError:
                continue  # a wrong declaration: try the next rule
    return normalise(decode(body).text)


def _is_utf8(name: str) -> bool:
    """A declared UTF-8, so that a byte-order mark is dropped, not kept in the text."""
    return codecs.lookup(name).name == "utf-8"


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:META_SNIFF_BYTES])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _completed(doc: Document, result: FetchResult, entry: FeedEntry | None) -> Document:
    """Fields the page leaves unknown, from the fetch and the feed entry."""
    url = doc.url or result.final_url
    return replace(
        doc,
        url=url,
        title=doc.title or (entry.title if entry else None),
        date=doc.date or (entry.date if entry else None),
        outlet=doc.outlet or host_of(url),
        source=result.url,
    )
