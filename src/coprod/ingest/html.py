"""HTML pages: main text without boilerplate, and the metadata the page states.

trafilatura does the work: it parses even broken markup, drops navigation, ads and
footers, and reads title, date, site name and canonical URL from the page's
metadata. The language comes from the page's own `lang` attribute or `og:locale`.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any

from trafilatura import bare_extraction, load_html
from trafilatura.settings import Document as Extraction

from coprod.ingest import reasons
from coprod.ingest.decode import normalise
from coprod.ingest.files import load_text
from coprod.ingest.meta import host_of, iso_date, primary_lang
from coprod.model import Document, Skipped
from coprod.settings import MAX_HTML_ELEMENTS, Settings

HTML_TYPES = ("text/html", "application/xhtml+xml")  # the content types of web pages
_OG_LOCALE = '//meta[@property="og:locale"]/@content'
# max_html_elements bounds the page given to trafilatura, whose time grows faster than the
# page: 15,000 paragraphs take 2 s, 30,000 take 5 s, 200,000 take minutes.


def read_html(path: Path, doc_id: str, settings: Settings) -> Document | Skipped:
    """One `.html`/`.htm` file as a Document, or a Skipped saying why not."""
    page = load_text(path, settings.max_doc_bytes)
    if isinstance(page, Skipped):
        return page
    return html_to_document(page, doc_id, str(path), settings.max_html_elements)


def html_to_document(
    page: str, doc_id: str, source: str, max_elements: int = MAX_HTML_ELEMENTS
) -> Document | Skipped:
    """The page's main text and metadata; `no_text` when trafilatura finds no text,
    `too_complex` when the page has more than `max_elements` elements."""
    try:
        tree = load_html(page)
        if tree is not None and _too_complex(tree, max_elements):
            return Skipped(source, reasons.TOO_COMPLEX, _complex_detail(max_elements))
        found = None if tree is None else _extract(tree)
    except Exception as err:  # a hostile page must not stop the run: report it instead
        return Skipped(source, reasons.NO_TEXT, f"trafilatura failed: {err!r}")
    text = normalise(found.text) if found is not None and found.text else ""
    if found is None or not text.strip():
        return Skipped(source, reasons.NO_TEXT, "trafilatura found no main text")
    return Document(
        id=doc_id,
        text=text,
        url=found.url or None,
        title=normalise(found.title) if found.title else None,
        date=iso_date(found.date) if found.date else None,
        lang=_page_lang(tree),
        outlet=found.sitename or (host_of(found.url) if found.url else None),
        source=source,
    )


def _too_complex(tree: Any, limit: int) -> bool:
    """More than `limit` elements: counted lazily, stopping at the limit."""
    return next(islice(tree.iter(), limit, None), None) is not None


def _complex_detail(limit: int) -> str:
    return f"more than {limit:,} HTML elements (max_html_elements); not extracted"


def _extract(tree: Any) -> Extraction | None:
    """trafilatura's result (text plus metadata), or None when it finds nothing."""
    found = bare_extraction(tree, with_metadata=True, include_comments=False)
    return found if isinstance(found, Extraction) else None


def _page_lang(tree: Any) -> str | None:
    """The language the page declares: `<html lang>`, else its `og:locale`."""
    declared = tree.get("lang") or next(iter(tree.xpath(_OG_LOCALE)), None)
    return primary_lang(str(declared)) if declared else None
