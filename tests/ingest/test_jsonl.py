import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from coprod.ingest.decode import normalise
from coprod.ingest.jsonl import numbered_lines, parse_line, read_jsonl, record_to_document
from coprod.model import Document, Skipped
from coprod.settings import Settings

RECORD = {
    "id": "p003",
    "url": "https://mod.gov.ua/en/news/eur-597-million",
    "title": "EUR 597 million in investment",
    "date": "2025-03-14",
    "lang": "en",
    "kind": "relevant",
    "text": "Denmark has invested EUR 597 million in Ukrainian production.",
}


def _write_lines(path: Path, *lines: str | bytes) -> Path:
    path.write_bytes(b"".join(ln if isinstance(ln, bytes) else ln.encode() for ln in lines))
    return path


def test_records_become_documents_with_line_numbers(tmp_path: Path) -> None:
    second = dict(RECORD, id="p004", outlet="Ministry of Defence of Ukraine")
    path = _write_lines(tmp_path / "d.jsonl", json.dumps(RECORD) + "\n", json.dumps(second))
    first, other = read_jsonl(path, "d.jsonl", Settings())
    assert first == Document(**RECORD, outlet="mod.gov.ua", source=f"{path}:1")
    assert isinstance(other, Document)
    assert (other.id, other.outlet, other.source) == (
        "p004",
        "Ministry of Defence of Ukraine",
        f"{path}:2",
    )


def test_bad_lines_are_skipped_and_the_rest_is_read(tmp_path: Path) -> None:
    good = json.dumps(RECORD)
    path = _write_lines(
        tmp_path / "d.jsonl",
        good + "\n",
        good[:40] + "\n",  # truncated write
        "\n",  # blank lines are not records
        '["an", "array"]\n',
        '{"id": "x", "title": "no text"}\n',
        '{"text": "   "}\n',
        json.dumps(dict(RECORD, date="July 4")) + "\n",
        json.dumps(dict(RECORD, id="last")),
    )
    results = list(read_jsonl(path, "d.jsonl", Settings()))
    summary = [((r.source or "").rsplit(":", 1)[1], getattr(r, "reason", "doc")) for r in results]
    assert summary == [
        ("1", "doc"),
        ("2", "bad_json"),
        ("4", "bad_record"),
        ("5", "bad_record"),
        ("6", "empty"),
        ("7", "bad_record"),
        ("8", "doc"),
    ]


def test_overlong_line_is_too_large_and_never_held(tmp_path: Path) -> None:
    long = json.dumps(dict(RECORD, text="x" * 5000))
    path = _write_lines(tmp_path / "d.jsonl", long + "\n", json.dumps(RECORD) + "\n")
    results = list(read_jsonl(path, "d.jsonl", Settings(max_jsonl_line_bytes=1000)))
    assert isinstance(results[0], Skipped) and results[0].reason == "too_large"
    assert results[0].source == f"{path}:1"
    assert isinstance(results[1], Document) and results[1].source == f"{path}:2"


def test_file_of_only_an_overlong_line_is_not_called_empty(tmp_path: Path) -> None:
    path = _write_lines(tmp_path / "d.jsonl", "x" * 2000)
    results = list(read_jsonl(path, "d.jsonl", Settings(max_jsonl_line_bytes=1000)))
    assert [getattr(r, "reason", "") for r in results] == ["too_large"]


def test_line_limit_is_exact() -> None:
    lines = list(numbered_lines(io.BytesIO(b"12345\n123456\n1234567\n12345"), limit=6))
    assert lines == [(1, b"12345\n"), (2, b"123456\n"), (3, None), (4, b"12345")]


def test_missing_id_falls_back_to_file_and_line(tmp_path: Path) -> None:
    path = _write_lines(tmp_path / "d.jsonl", "\n", '{"text": "Kyiv", "id": 7}\n{"text": "x"}\n')
    ids = [getattr(doc, "id", None) for doc in read_jsonl(path, "sub/d.jsonl", Settings())]
    assert ids == ["7", "sub/d.jsonl:3"]


def test_fields_are_cleaned() -> None:
    record = dict(RECORD, date="2025-03-14T09:00:00Z", lang="en-US", title="", url=None)
    doc = record_to_document(record, "s", "f")
    assert isinstance(doc, Document)
    assert (doc.date, doc.lang, doc.title, doc.url, doc.outlet) == (
        "2025-03-14",
        "en",
        None,
        None,
        None,
    )


def test_wrongly_typed_fields_are_bad_records() -> None:
    for bad in ({"id": [1]}, {"id": True}, {"title": 3}, {"text": 42}, {"date": "2025-13-01"}):
        skip = record_to_document(dict(RECORD, **bad), "s", "f")
        assert isinstance(skip, Skipped) and skip.reason == "bad_record", bad


def test_hostile_lines_do_not_raise() -> None:
    for line in (b"[" * 100_000, b"1" * 5000, b"\xff\xfe{", b'{"text": "caf\xe9"}'):
        assert isinstance(parse_line(line, "s", "f"), Document | Skipped)
    doc = parse_line(b'{"text": "caf\xe9"}', "s", "f")  # cp1252 inside a JSONL line
    assert isinstance(doc, Document) and doc.text == "café"


def test_binary_and_empty_files(tmp_path: Path) -> None:
    binary = _write_lines(tmp_path / "b.jsonl", b"\x1f\x8b\x08\x00\x00\x00")
    empty = _write_lines(tmp_path / "e.jsonl", "\n\n")
    assert [getattr(s, "reason", "") for s in read_jsonl(binary, "b", Settings())] == ["binary"]
    assert [getattr(s, "reason", "") for s in read_jsonl(empty, "e", Settings())] == ["empty"]


_texts = st.text(min_size=1).filter(lambda t: t.strip() != "")
_records = st.fixed_dictionaries(
    {"id": st.text(min_size=1), "text": _texts},
    optional={"title": st.text(), "kind": st.sampled_from(["relevant", "irrelevant"])},
)
_lines = st.one_of(
    _records.map(lambda r: ("doc", r)),
    _records.map(lambda r: ("bad_json", json.dumps(r)[:-1])),
    st.just(("bad_record", "[1, 2]")),
)


@given(st.lists(_lines, max_size=12))
def test_every_line_is_a_document_or_a_named_skip(lines: list[tuple[str, Any]]) -> None:
    body = "".join((json.dumps(v) if k == "doc" else v) + "\n" for k, v in lines)
    results = list(read_jsonl_bytes(body.encode("utf-8")))
    expected = [k for k, _ in lines] or ["empty"]
    assert [getattr(r, "reason", "doc") for r in results] == expected
    docs = [r for r in results if isinstance(r, Document)]
    assert [d.text for d in docs] == [normalise(v["text"]) for k, v in lines if k == "doc"]
    assert [d.id for d in docs] == [v["id"] for k, v in lines if k == "doc"]


def read_jsonl_bytes(data: bytes) -> list[Document | Skipped]:
    """read_jsonl over `data`, through a real file in a fresh temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.jsonl"
        path.write_bytes(data)
        return list(read_jsonl(path, "p.jsonl", Settings()))
