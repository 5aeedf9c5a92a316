import gzip
import importlib
import json
from pathlib import Path

from coprod.ingest import read_sources
from coprod.model import Document, Skipped
from coprod.settings import Settings

ARTICLE = "Norway joins the Danish model\n\nOslo will fund Ukrainian drone makers.\n"
PAGE = (
    "<html lang='en'><head><title>Sweden buys Ukrainian shells</title></head><body><article>"
    "<p>Sweden will pay Ukrainian producers SEK 1 billion for artillery shells in 2025.</p>"
    "</article></body></html>"
)
RECORD = {"id": "r1", "url": None, "title": None, "date": "2025-01-10", "lang": "en"}


def _mixed_folder(root: Path) -> None:
    (root / "sub").mkdir()
    (root / "a_article.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "c_empty.txt").write_text("  \n\n", encoding="utf-8")
    with (root / "d_huge.txt").open("wb") as huge:  # 50 MB, sparse: written in no time
        huge.write(b"A text that goes on and on.\n")
        huge.truncate(50 * 1024 * 1024)
    (root / "e_latin1.txt").write_bytes("Coopération renforcée à Kyiv.\n".encode("latin-1"))
    (root / "f_page.html").write_text(PAGE, encoding="utf-8")
    (root / "g_broken.htm").write_text(PAGE[:-30], encoding="utf-8")
    (root / "h_notes.docx").write_bytes(b"PK\x03\x04")
    lines = [json.dumps(dict(RECORD, text="Lithuania invests $21 million.")), '{"id": "r2", "te']
    (root / "sub" / "i_feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_public_api() -> None:
    # `coprod.ingest` is the API function; the stage package is reached by its full name.
    assert importlib.import_module("coprod.ingest").__all__ == ["REASONS", "read_sources"]


def test_mixed_folder_names_each_bad_input_and_reads_the_rest(tmp_path: Path) -> None:
    _mixed_folder(tmp_path)
    results = list(read_sources([tmp_path], Settings()))
    got = [
        (r.id if isinstance(r, Document) else r.reason, Path(r.source or "").name) for r in results
    ]
    assert got == [
        ("a_article.txt", "a_article.txt"),
        ("binary", "b_binary.txt"),
        ("empty", "c_empty.txt"),
        ("too_large", "d_huge.txt"),
        ("e_latin1.txt", "e_latin1.txt"),
        ("f_page.html", "f_page.html"),
        ("g_broken.htm", "g_broken.htm"),
        ("unsupported", "h_notes.docx"),
        ("r1", "i_feed.jsonl:1"),
        ("bad_json", "i_feed.jsonl:2"),
    ]
    docs = {r.id: r for r in results if isinstance(r, Document)}
    assert docs["e_latin1.txt"].text == "Coopération renforcée à Kyiv.\n"
    assert "SEK 1 billion" in docs["g_broken.htm"].text
    assert docs["r1"].date == "2025-01-10"


def test_roots_are_read_in_the_order_given_and_missing_ones_named(tmp_path: Path) -> None:
    (tmp_path / "z.txt").write_text("Zürich", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Aarhus", encoding="utf-8")
    paths: list[str | Path] = [tmp_path / "z.txt", str(tmp_path / "nowhere"), tmp_path / "a.txt"]
    results = list(read_sources(paths, Settings()))
    assert [getattr(r, "id", None) or getattr(r, "reason", None) for r in results] == [
        "z.txt",
        "not_found",
        "a.txt",
    ]
    assert isinstance(results[1], Skipped) and results[1].source == str(tmp_path / "nowhere")


def test_reading_is_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    results = read_sources([tmp_path], Settings())
    (tmp_path / "b.txt").write_text("added after the call", encoding="utf-8")
    assert [r.text for r in results if isinstance(r, Document)] == ["first", "added after the call"]


def test_extensions_are_matched_case_insensitively(tmp_path: Path) -> None:
    (tmp_path / "A.TXT").write_text("Upper case", encoding="utf-8")
    assert [r.id for r in read_sources([tmp_path], Settings()) if isinstance(r, Document)] == [
        "A.TXT"
    ]


def test_gzipped_files_are_read_by_their_inner_extension(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"text": "Norway joins."}\n'))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(b"plain"))
    (tmp_path / "c.warc").write_bytes(b"")
    items = list(read_sources([tmp_path], Settings()))
    assert isinstance(items[0], Document) and items[0].text == "Norway joins."
    assert isinstance(items[1], Skipped) and items[1].reason == "unsupported"
    assert "'.txt.gz'" in items[1].detail and ".warc.gz" in items[1].detail
    assert isinstance(items[2], Skipped) and (items[2].reason, items[2].detail) == (
        "empty",
        "no WARC records",
    )
