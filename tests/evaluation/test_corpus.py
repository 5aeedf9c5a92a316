from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from coprod.errors import InputError
from coprod.evaluation.corpus import (
    evaluate_files,
    file_digest,
    load_documents,
    prediction,
    read_documents,
    read_records,
)
from coprod.model import Commitment, Document, Fact, Skipped
from coprod.settings import Settings
from tests.evaluation.facts import commitment, record

DOCS = [
    {"id": "a", "lang": "en", "kind": "relevant", "text": "Lithuania gives EUR 20 million."},
    {"id": "b", "lang": "de", "kind": "relevant", "text": "Litauen gibt 20 Millionen Euro."},
    {"id": "c", "lang": "en", "kind": "negative", "text": "Markets rose."},
]
GOLD = [record("a", commitment()), record("b", commitment()), record("c")]


def _write(path: Path, records: list[dict[str, Any]], *extra_lines: str) -> Path:
    lines = [json.dumps(r) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _lithuania(doc: Document) -> list[Fact]:
    """An extractor that finds one commitment in every document."""
    fact = Commitment(
        funder=["LTU"], amount=20_000_000, currency="EUR", evidence="x", start=0, end=1
    )
    return [fact]


def test_file_digest_is_the_start_of_the_sha256(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"{}\n")
    assert file_digest(path) == hashlib.sha256(b"{}\n").hexdigest()[:12]
    with pytest.raises(InputError, match="cannot read"):
        file_digest(tmp_path / "missing.jsonl")


def test_read_records_passes_blank_lines_over(tmp_path: Path) -> None:
    path = _write(tmp_path / "gold.jsonl", GOLD, "", "   ")
    assert read_records(path) == GOLD


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "gold.jsonl:2: invalid JSON"),
        ('["a"]', "gold.jsonl:2: not an object"),
        ('{"facts": []}', "gold.jsonl:2: not an object with an 'id'"),
        ('{"id": "x", "facts": [{"type": "rumour"}]}', "gold.jsonl:2: not a fact"),
    ],
)
def test_read_records_names_the_bad_line(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path / "gold.jsonl", GOLD[:1], line)
    with pytest.raises(InputError, match=message):
        read_records(path)


def test_read_documents_skips_bad_lines_by_name() -> None:
    stream = io.BytesIO(b'{"id": "a", "text": "One."}\n\nnot json\n{"id": "b", "text": 3}\n')
    items = list(read_documents(stream, "in.jsonl"))
    assert isinstance(items[0], Document) and items[0].id == "a"
    assert [(s.source, s.reason) for s in items[1:] if isinstance(s, Skipped)] == [
        ("in.jsonl:3", "bad_json"),
        ("in.jsonl:4", "bad_record"),
    ]


def test_read_documents_skips_lines_over_the_limit() -> None:
    stream = io.BytesIO(b'{"id": "a", "text": "' + b"x" * 100 + b'"}\n{"id": "b", "text": "B"}\n')
    items = list(read_documents(stream, "in", Settings(max_jsonl_line_bytes=50)))
    assert isinstance(items[0], Skipped) and items[0].reason == "too_large"
    assert isinstance(items[1], Document) and items[1].id == "b"


def test_load_documents_refuses_a_broken_corpus(tmp_path: Path) -> None:
    assert [d.id for d in load_documents(_write(tmp_path / "docs.jsonl", DOCS))] == ["a", "b", "c"]
    with pytest.raises(InputError, match=r"docs\.jsonl:4"):
        load_documents(_write(tmp_path / "docs.jsonl", DOCS, "{oops"))


def test_prediction_is_the_record_extract_prints() -> None:
    doc = Document(id="a", text="t")
    assert prediction(doc, _lithuania) == {"id": "a", "facts": [_lithuania(doc)[0].to_dict()]}


def test_evaluate_files_runs_the_extractor_on_the_documents_scored(tmp_path: Path) -> None:
    seen: list[str] = []

    def extractor(doc: Document) -> list[Fact]:
        seen.append(doc.id)
        return _lithuania(doc)

    docs, gold = _write(tmp_path / "docs.jsonl", DOCS), _write(tmp_path / "gold.jsonl", GOLD)
    report = evaluate_files(docs, gold, lang="en", extractor=extractor)
    assert seen == ["a", "c"]
    assert (report.documents, report.overall.tp, report.overall.fp) == (2, 1, 1)
    assert report.digest == {"docs": file_digest(docs), "gold": file_digest(gold)}


def test_evaluate_files_scores_saved_predictions(tmp_path: Path) -> None:
    docs, gold = _write(tmp_path / "docs.jsonl", DOCS), _write(tmp_path / "gold.jsonl", GOLD)
    pred = _write(tmp_path / "pred.jsonl", [record("b", commitment(amount=20_080_000))])
    report = evaluate_files(docs, gold, predictions_path=pred)
    assert report.types["commitment"].tp == 1 and report.types["commitment"].fn == 1
    assert report.languages["de"].recall == 1.0 and report.languages["en"].recall == 0.0
    assert report.digest["predictions"] == file_digest(pred)
