"""Fetched bytes to a Document: charsets declared, stated in the page, or detected."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.ingest import reasons
from coprod.ingest.feeds import FeedEntry
from coprod.ingest.fetch import FetchResult
from coprod.ingest.pages import page_document, page_text
from coprod.model import Document, Skipped
from tests.web import STORIES, article

URL = "https://news.example/a"
BARE = (
    "<html><body><article><p>Česká republika a Ukrajina podepsaly dohodu o společné výrobě "
    "munice, uvedlo ministerstvo obrany.</p></article></body></html>"
)


def _result(body: bytes, media_type: str = "text/html", charset: str | None = None) -> FetchResult:
    return FetchResult(URL, URL + "?final", 200, body, media_type, charset)


def test_a_page_gives_its_metadata_and_the_feed_fills_what_it_lacks() -> None:
    doc = page_document(
        _result(BARE.encode("cp1250"), charset="cp1250"), FeedEntry(URL, "T", "2025-01-02")
    )
    assert isinstance(doc, Document)
    assert "Česká republika" in doc.text
    assert (doc.title, doc.date, doc.url, doc.outlet) == (
        "T",
        "2025-01-02",
        URL + "?final",
        "news.example",
    )
    assert (doc.id, doc.source) == (URL + "?final", URL)


def test_the_page_s_own_metadata_wins_over_the_feed() -> None:
    doc = page_document(
        _result(article("Own title", STORIES["canada"])), FeedEntry(URL, "Feed", "1999-01-01")
    )
    assert isinstance(doc, Document) and (doc.title, doc.date) == ("Own title", "2025-07-04")


def test_charset_from_header_then_meta_then_detection() -> None:
    text = "Україна отримає снаряди від партнерів цього року."
    data = text.encode("cp1251")
    assert page_text(data, "windows-1251") == text
    assert page_text(b'<meta charset="windows-1251">' + data, None).endswith(text)
    assert page_text(data, "no-such-charset") == text  # detected
    assert page_text(text.encode(), "ascii") == text  # a wrong declaration is passed over


def test_plain_text_is_a_document_and_other_types_are_named() -> None:
    plain = page_document(_result(b"Headline\n\nBody of the story.", "text/plain"))
    assert isinstance(plain, Document) and plain.title == "Headline"
    pdf = page_document(_result(b"%PDF-1.4", "application/pdf"))
    assert isinstance(pdf, Skipped) and pdf.reason == reasons.NOT_A_PAGE
    binary = page_document(_result(b"\x00\x01\x02<html>"))
    assert isinstance(binary, Skipped) and binary.reason == reasons.BINARY
    empty = page_document(_result(b"  \n"))
    assert isinstance(empty, Skipped) and empty.reason == reasons.EMPTY


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "cp1251", "bogus"]))
def test_any_bytes_give_a_document_or_a_named_skip(body: bytes, charset: str | None) -> None:
    assert isinstance(page_document(_result(body, charset=charset)), Document | Skipped)


def test_a_declared_utf8_page_loses_its_byte_order_mark() -> None:
    doc = page_document(_result("\ufeffHeadline\n\nBody text.".encode(), "text/plain", "utf-8"))
    assert isinstance(doc, Document) and doc.title == "Headline"


def test_a_page_too_complex_for_the_extractor_is_named() -> None:
    body = ("<html><body>" + "<p>x</p>" * 50 + "</body></html>").encode()
    doc = page_document(_result(body), max_elements=20)
    assert isinstance(doc, Skipped) and doc.reason == reasons.TOO_COMPLEX
