import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.ingest.html import html_to_document, read_html
from coprod.model import Document, Skipped
from coprod.settings import MAX_HTML_ELEMENTS, Settings

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Denmark funds Ukrainian drones | Kyiv Daily</title>
<meta property="og:site_name" content="Kyiv Daily">
<link rel="canonical" href="https://www.kyivdaily.example/news/denmark-drones">
<meta property="article:published_time" content="2025-07-04T10:00:00+02:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Denmark funds Ukrainian drones</h1>
<p>Denmark will pay Ukrainian manufacturers DKK 1.3 billion for drones, the ministry said.</p>
<p>The money comes through the Danish model, which Sweden and Norway have since joined.</p>
</article>
<footer>Copyright 2025 Kyiv Daily. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


def test_page_yields_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "dk.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_html(path, "dk.html", Settings())
    assert isinstance(doc, Document)
    assert "DKK 1.3 billion" in doc.text and "Sweden and Norway" in doc.text
    assert "Copyright" not in doc.text and "Sport" not in doc.text
    assert doc.title == "Denmark funds Ukrainian drones"
    assert doc.date == "2025-07-04"
    assert doc.url == "https://www.kyivdaily.example/news/denmark-drones"
    assert (doc.outlet, doc.lang, doc.id, doc.source) == ("Kyiv Daily", "en", "dk.html", str(path))


def test_outlet_falls_back_to_the_url_host_and_lang_to_og_locale() -> None:
    page = PAGE.replace('<meta property="og:site_name" content="Kyiv Daily">', "")
    page = page.replace(' lang="en-GB"', "").replace(
        "<title>", '<meta property="og:locale" content="uk_UA"><title>'
    )
    doc = html_to_document(page, "p", "p.html")
    assert isinstance(doc, Document)
    assert (doc.outlet, doc.lang) == ("kyivdaily.example", "uk")


def test_broken_html_still_gives_its_text() -> None:
    broken = (
        "<html><body><div><p>Lithuania pledged 0.25% of its GDP to Ukrainian defence "
        "production, officials said.<p>Second paragraph with <b>bold that never closes <div><span>"
    )
    doc = html_to_document(broken, "b", "b.html")
    assert isinstance(doc, Document)
    assert doc.text.startswith("Lithuania pledged 0.25% of its GDP")
    assert "Second paragraph" in doc.text


def test_page_without_text_is_no_text() -> None:
    for page in ("<html><body></body></html>", "<<<>>>", "<html><body><script>x()</script>"):
        skip = html_to_document(page, "e", "e.html")
        assert isinstance(skip, Skipped) and skip.reason == "no_text", page


def test_page_in_cp1252_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "fr.htm"
    page = PAGE.replace("the ministry said", "a déclaré le ministère, soit 174 M€")
    path.write_bytes(page.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    doc = read_html(path, "fr.htm", Settings())
    assert isinstance(doc, Document)
    assert "a déclaré le ministère, soit 174 M€" in doc.text


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>/ =\"'abcdiphtmlbody&;\n")))
def test_any_markup_gives_a_document_or_a_skip(page: str) -> None:
    result = html_to_document(page, "h", "h.html")
    assert isinstance(result, Document | Skipped)
    if isinstance(result, Document):
        assert result.text.strip()


def test_twenty_megabytes_of_nested_tags_are_refused_by_size_and_named(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    with path.open("wb") as out:
        out.write(b"<html><body>" + b"<div><span>" * 1_000_000 + b"deep")
        out.write(b"</span></div>" * 1_000_000)
    started = time.perf_counter()
    skip = read_html(path, "nested.html", Settings())
    assert time.perf_counter() - started < 1
    assert isinstance(skip, Skipped) and (skip.source, skip.reason) == (str(path), "too_large")
    started = time.perf_counter()
    deep = read_html(path, "nested.html", Settings(max_doc_bytes=30_000_000))
    assert time.perf_counter() - started < 5  # read when allowed, and still bounded
    assert isinstance(deep, Skipped) and deep.source == str(path)


def test_a_page_of_too_many_elements_is_skipped_fast() -> None:
    page = "<html><body><article>" + "<p>Drones for Ukraine.</p>" * (MAX_HTML_ELEMENTS + 1)
    started = time.perf_counter()
    skip = html_to_document(page + "</article></body></html>", "wide", "wide.html")
    assert time.perf_counter() - started < 2
    assert isinstance(skip, Skipped) and skip.reason == "too_complex"


def test_the_element_limit_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "dk.html"
    path.write_text(PAGE, encoding="utf-8")
    skip = read_html(path, "dk.html", Settings(max_html_elements=10))
    assert isinstance(skip, Skipped) and skip.reason == "too_complex"
    assert "more than 10 HTML elements" in skip.detail
