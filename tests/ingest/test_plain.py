from pathlib import Path

from coprod.ingest.plain import MAX_TITLE_CHARS, read_plain, title_of
from coprod.model import Document, Skipped
from coprod.settings import Settings

ARTICLE = (
    "\n  Lithuania pledges 0.25% of GDP to Ukrainian defence production  \n\n"
    "Vilnius will fund Ukrainian manufacturers directly under the Danish model.\n"
)


def test_text_file_becomes_a_document(tmp_path: Path) -> None:
    path = tmp_path / "lt.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = read_plain(path, "lt.txt", Settings())
    assert doc == Document(
        id="lt.txt",
        text=ARTICLE,
        title="Lithuania pledges 0.25% of GDP to Ukrainian defence production",
        source=str(path),
    )
    assert doc.date is None and doc.url is None


def test_text_file_with_windows_newlines_in_latin1(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes("Coopération\r\nLe ministère a annoncé un accord.\r\n".encode("latin-1"))
    doc = read_plain(path, "fr.txt", Settings())
    assert isinstance(doc, Document)
    assert doc.text == "Coopération\nLe ministère a annoncé un accord.\n"
    assert doc.title == "Coopération"


def test_long_first_line_is_no_title() -> None:
    assert title_of("x" * (MAX_TITLE_CHARS + 1) + "\nmore") is None
    assert title_of("x" * MAX_TITLE_CHARS) == "x" * MAX_TITLE_CHARS
    assert title_of("\n\n") is None


def test_oversized_text_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    skip = read_plain(path, "big.txt", Settings(max_doc_bytes=100))
    assert isinstance(skip, Skipped) and skip.reason == "too_large"
