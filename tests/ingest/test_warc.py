import gzip
import io
import time
import tracemalloc
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from coprod.ingest.warc import read_warc
from coprod.model import Document, Skipped
from coprod.settings import Settings

ARTICLE = """<html lang="en"><head><title>{title}</title>{meta}</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
<p>Denmark will pay Ukrainian manufacturers DKK 1.3 billion for drones, the ministry said.</p>
<p>The money comes through the Danish model, which Sweden and Norway have since joined.</p>
</article></body></html>"""
DATED = '<meta property="article:published_time" content="2025-07-04T10:00:00Z">'


def _page(title: str, meta: str = "") -> bytes:
    return ARTICLE.format(title=title, meta=meta).encode()


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": "2025-08-01T09:00:00Z"}
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),  # a known length: warcio needs no temporary file
        http_headers=headers,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)


def _request(writer: WARCWriter, url: str) -> None:
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    record = writer.create_warc_record(
        url, "request", payload=io.BytesIO(), length=0, http_headers=headers
    )
    writer.write_record(record)


def _archive(path: Path, gzip: bool = False) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        _request(writer, "https://news.example/dated")
        _response(writer, "https://news.example/dated", _page("Dated story", DATED))
        _response(writer, "https://news.example/logo.png", b"\x89PNG...", "image/png")
        _response(writer, "https://news.example/gone", _page("Gone"), status="404 Not Found")
        _response(writer, "https://news.example/undated", _page("Undated story"))
    return path


def _docs(items: list[Document | Skipped]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def _skips(items: list[Document | Skipped]) -> list[Skipped]:
    return [item for item in items if isinstance(item, Skipped)]


def test_html_responses_become_documents_and_the_rest_is_counted(tmp_path: Path) -> None:
    path = _archive(tmp_path / "crawl.warc")
    items = list(read_warc(path, "crawl.warc", Settings()))
    dated, undated = _docs(items)
    assert (dated.title, dated.url, dated.date) == (
        "Dated story",
        "https://news.example/dated",
        "2025-07-04",
    )
    assert (undated.url, undated.date, undated.outlet) == (
        "https://news.example/undated",
        "2025-08-01",  # the page states none: the WARC-Date
        "news.example",
    )
    assert "DKK 1.3 billion" in dated.text and "Sport" not in dated.text
    assert dated.id.startswith("crawl.warc@") and dated.source.startswith(f"{path}@")
    [passed] = _skips(items)
    assert passed.reason == "warc_passed_over" and passed.source == str(path)
    assert passed.detail.startswith("3 records")
    assert "request records: 1" in passed.detail and "non-2xx status: 1" in passed.detail


def test_gzipped_archive_gives_the_same_documents(tmp_path: Path) -> None:
    plain = _docs(list(read_warc(_archive(tmp_path / "a.warc"), "a", Settings())))
    packed = _docs(list(read_warc(_archive(tmp_path / "a.warc.gz", gzip=True), "a", Settings())))
    assert [(d.url, d.text, d.date) for d in packed] == [(d.url, d.text, d.date) for d in plain]


def test_truncated_last_record_is_named_by_offset_and_the_rest_is_kept(tmp_path: Path) -> None:
    whole = _archive(tmp_path / "whole.warc").read_bytes()
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[:-300])  # cut inside the last page
    items = list(read_warc(path, "cut", Settings()))
    assert [d.title for d in _docs(items)] == ["Dated story"]
    damaged = [s for s in _skips(items) if s.reason == "bad_warc_record"]
    offset = whole.rindex(b"WARC/1.")
    assert [s.source for s in damaged] == [f"{path}@{offset}"]
    assert "truncated" in damaged[0].detail


def test_archive_cut_inside_a_record_header_is_named(tmp_path: Path) -> None:
    whole = _archive(tmp_path / "whole.warc").read_bytes()
    offset = whole.rindex(b"WARC/1.")
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: offset + 60])
    items = list(read_warc(path, "cut", Settings()))
    assert [s.source for s in _skips(items) if s.reason == "bad_warc_record"] == [
        f"{path}@{offset}"
    ]


def test_reading_resumes_after_a_damaged_record(tmp_path: Path) -> None:
    whole = _archive(tmp_path / "whole.warc").read_bytes()
    second = whole.index(b"WARC/1.", 10)  # the dated page's response record
    path = tmp_path / "damaged.warc"
    path.write_bytes(whole[:second] + b"GARBAGE\r\n" + whole[second + 9 :])
    items = list(read_warc(path, "damaged", Settings()))
    assert [d.title for d in _docs(items)] == ["Undated story"]
    assert [s.source for s in _skips(items) if s.reason == "bad_warc_record"] == [
        f"{path}@{second}"
    ]


def test_a_page_over_max_doc_bytes_is_skipped_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    with path.open("wb") as out:
        _response(WARCWriter(out, gzip=False), "https://news.example/big", b"<p>x</p>" * 50_000)
    [skip] = list(read_warc(path, "big", Settings(max_doc_bytes=100_000)))
    assert skip.reason == "too_large" and skip.source.startswith(f"{path}@")


def test_twenty_megabytes_of_nested_tags_are_bounded(tmp_path: Path) -> None:
    nested = b"<html><body>" + b"<div><span>" * 1_000_000 + b"deep" + b"</span></div>" * 1_000_000
    path = tmp_path / "nested.warc"
    with path.open("wb") as out:
        _response(WARCWriter(out, gzip=False), "https://news.example/nested", nested)
    started = time.perf_counter()
    [skip] = list(read_warc(path, "nested", Settings()))
    assert time.perf_counter() - started < 2
    assert skip.reason == "too_large" and skip.source.startswith(f"{path}@")
    started = time.perf_counter()
    [read] = list(read_warc(path, "nested", Settings(max_doc_bytes=30_000_000)))
    assert time.perf_counter() - started < 5
    assert isinstance(read, Skipped) and read.source.startswith(f"{path}@")


def test_a_highly_repetitive_gzipped_archive_is_a_bomb(tmp_path: Path) -> None:
    nested = b"<div><span>" * 1_000_000
    path = tmp_path / "nested.warc.gz"
    with path.open("wb") as out:
        _response(WARCWriter(out, gzip=True), "https://news.example/nested", nested)
    [skip] = list(read_warc(path, "nested", Settings()))
    assert skip.reason == "decompression_bomb" and "max_compression_ratio" in skip.detail


def test_gzipped_archive_bomb_is_stopped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.warc.gz"
    with path.open("wb") as out:
        _response(WARCWriter(out, gzip=True), "https://x.example/", bytes(8_000_000), "text/html")
    items = list(read_warc(path, "bomb", Settings(max_decompressed_bytes=1_000_000)))
    assert items[-1].reason == "decompression_bomb" and items[-1].source == str(path)


def test_an_archive_is_streamed_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "stream.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        filler = bytes(range(256)) * 80  # 20 KB that does not compress away
        for n in range(300):
            _response(writer, f"https://news.example/{n}.bin", filler, "application/pdf")
        _response(writer, "https://news.example/huge", b"<p>x</p>" * 500_000)
        _response(writer, "https://news.example/last", _page("Last story"))
    tracemalloc.start()
    try:
        items = list(read_warc(path, "stream", Settings(max_doc_bytes=200_000)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.title for d in _docs(items)] == ["Last story"]
    assert peak < 3_000_000  # the archive inflates to over 10 MB


def test_reading_resumes_after_a_damaged_record_in_a_gzipped_archive(tmp_path: Path) -> None:
    whole = _archive(tmp_path / "whole.warc").read_bytes()
    second = whole.index(b"WARC/1.", 10)
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(gzip.compress(whole[:second] + b"GARBAGE\r\n" + whole[second + 9 :]))
    items = list(read_warc(path, "damaged", Settings()))
    assert [d.title for d in _docs(items)] == ["Undated story"]
    assert [s.source for s in _skips(items) if s.reason == "bad_warc_record"] == [
        f"{path}@{second}"  # offsets in a gzipped archive count inflated bytes
    ]


def test_a_truncated_gzipped_archive_keeps_what_came_before(tmp_path: Path) -> None:
    data = _archive(tmp_path / "whole.warc.gz", gzip=True).read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:-200])
    items = list(read_warc(path, "cut", Settings()))
    assert [d.title for d in _docs(items)] == ["Dated story"]
    assert {s.reason for s in _skips(items)} >= {"bad_warc_record"}
