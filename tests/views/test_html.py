"""The HTML report: one self-contained file, with everything from the ledger escaped."""

from __future__ import annotations

import re
from pathlib import Path

from coprod.model import Commitment, Document
from coprod.views.html import href, render_html
from coprod.views.report import build_report
from tests.samples import filled_store, span

HOSTILE = Document(
    id="x",
    url="javascript:alert(1)",
    title="<script>alert('title')</script>",
    date="2025-01-01",
    text="<script>alert('evidence')</script> Norway gives NOK 5 million & more.",
)


def page(tmp_path: Path, *docs: Document) -> str:
    with filled_store(tmp_path / "ledger.db") as store:
        for doc in docs:
            store.add_document(doc)
            fact = Commitment(funder=["NOR"], amount=5e6, currency="NOK", **span(doc, doc.text))
            store.add_facts(doc.sha256, [fact])
        return render_html(build_report(store))


def test_the_page_needs_nothing_from_outside(tmp_path: Path) -> None:
    html = page(tmp_path)
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script|<link|<img|<iframe|\ssrc=|@import|url\(", html, re.I)
    assert 'href="https://example.org/denmark"' in html  # links to sources are not assets
    for text in ("DNK", "LTU", "UKR", "EUR 20,000,000 (USD 21,000,000) · drones", "0.25% of GDP"):
        assert text in html


def test_everything_from_the_ledger_is_escaped(tmp_path: Path) -> None:
    html = page(tmp_path, HOSTILE)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;evidence&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&amp; more" in html
    assert 'href="javascript' not in html


def test_only_web_urls_become_links() -> None:
    assert href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert href("HTTP://example.org") == "HTTP://example.org"
    assert href("javascript:alert(1)") is None
    assert href("data:text/html,hi") is None
    assert href(None) is None


def test_an_empty_ledger_says_so(tmp_path: Path) -> None:
    with filled_store(tmp_path / "ledger.db", documents=()) as store:
        assert "holds no facts yet" in render_html(build_report(store))
