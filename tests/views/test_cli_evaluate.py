from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coprod.evaluation import file_digest
from coprod.model import Agreement, Document, Fact
from coprod.views.cli import evaluate as cli_evaluate
from coprod.views.cli._app import app

runner = CliRunner()

DOCS = [
    {"id": "d1", "lang": "en", "text": "Denmark and Ukraine signed a deal.", "url": "u"},
    {"id": "d2", "lang": "uk", "text": "Данія та Україна підписали угоду."},
    {"id": "d3", "lang": "en", "kind": "negative", "text": "Nothing here."},
]
DEAL = {"type": "agreement", "parties": ["DNK", "UKR"], "kind": "coproduction", "stage": "signed"}
GOLD = [
    {"id": "d1", "facts": [DEAL | {"evidence": "Denmark and Ukraine signed a deal."}]},
    {"id": "d2", "facts": [DEAL | {"evidence": "Данія та Україна підписали угоду."}]},
    {"id": "d3", "facts": []},
]


def _jsonl(path: Path, records: list[dict[str, Any]], *extra: str) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _deal(doc: Document) -> list[Fact]:
    """An extractor that finds the Danish deal in every document."""
    fact = Agreement(parties=["DNK", "UKR"], kind="coproduction", evidence=doc.text, start=0, end=3)
    return [fact]


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    return _jsonl(tmp_path / "docs.jsonl", DOCS), _jsonl(tmp_path / "gold.jsonl", GOLD)


def test_extract_prints_one_record_per_document_in_input_order(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(_jsonl(tmp_path / "docs.jsonl", DOCS))])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["d1", "d2", "d3"]
    assert all(set(r) == {"id", "facts"} and isinstance(r["facts"], list) for r in records)


def test_extract_prints_facts_as_their_dicts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_evaluate, "extract_facts", _deal)
    result = runner.invoke(app, ["extract", str(_jsonl(tmp_path / "docs.jsonl", DOCS[:1]))])
    expected = _deal(Document(id="d1", text=DOCS[0]["text"]))[0].to_dict()
    assert json.loads(result.stdout) == {"id": "d1", "facts": [json.loads(json.dumps(expected))]}


def test_extract_reads_stdin_and_writes_out(tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    stdin = "\n".join(json.dumps(d, ensure_ascii=False) for d in DOCS)
    result = runner.invoke(app, ["extract", "-", "--out", str(out)], input=stdin)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["d1", "d2", "d3"]


def test_extract_skips_a_bad_line_and_says_which(tmp_path: Path) -> None:
    docs = _jsonl(tmp_path / "docs.jsonl", DOCS[:1], "{truncated", json.dumps(DOCS[1]))
    result = runner.invoke(app, ["extract", str(docs)])
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["d1", "d2"]
    assert f"skipped {docs}:2: bad_json" in result.stderr
    assert "1 line(s) skipped" in result.stderr


def test_extract_names_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_eval_json_has_the_documented_keys(corpus: tuple[Path, Path]) -> None:
    docs, gold = corpus
    result = runner.invoke(app, ["eval", str(docs), str(gold), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert {"digest", "documents", "types", "attributes", "languages"} <= set(out)
    assert out["digest"] == {"docs": file_digest(docs), "gold": file_digest(gold)}
    assert out["documents"] == 3
    assert set(out["types"]["agreement"]) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert set(out["attributes"]["stage"]) == {"accuracy", "n"}
    assert set(out["languages"]) == {"en", "uk"}


def test_eval_runs_the_extractor_and_filters_by_lang(
    corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_evaluate, "extract_facts", _deal)
    result = runner.invoke(app, ["eval", *map(str, corpus), "--lang", "en", "--json"])
    out = json.loads(result.stdout)
    assert out["documents"] == 2
    assert out["types"]["agreement"] | {"precision": None} == {
        "precision": None,
        "recall": 1.0,
        "f1": pytest.approx(2 / 3),
        "tp": 1,
        "fp": 1,
        "fn": 0,
    }


def test_eval_scores_saved_predictions(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    pred = _jsonl(tmp_path / "pred.jsonl", [GOLD[1]])
    result = runner.invoke(app, ["eval", *map(str, corpus), "--pred", str(pred), "--json"])
    out = json.loads(result.stdout)
    assert out["types"]["agreement"]["tp"] == 1 and out["types"]["agreement"]["fn"] == 1
    assert out["languages"]["uk"]["recall"] == 1.0
    assert out["digest"]["predictions"] == file_digest(pred)


def test_eval_table_names_the_digest_and_lists_misses(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    docs, gold = corpus
    pred = _jsonl(tmp_path / "pred.jsonl", [])
    result = runner.invoke(app, ["eval", str(docs), str(gold), "--pred", str(pred), "--misses"])
    assert result.exit_code == 0, result.output
    assert f"scored 3 documents; sha256 docs {file_digest(docs)}" in result.stdout
    assert "recall by language" in result.stdout
    assert 'FN agreement parties=["DNK", "UKR"] kind="coproduction"' in result.stdout
    assert "Denmark and Ukraine signed a deal." in result.stdout


def test_eval_with_lang_leaves_out_the_language_table(corpus: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["eval", *map(str, corpus), "--lang", "uk"])
    assert "scored 1 documents" in result.stdout
    assert "recall by language" not in result.stdout


def test_eval_reports_an_inconsistent_gold_file(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    docs, _ = corpus
    gold = _jsonl(tmp_path / "gold.jsonl", [*GOLD, {"id": "d9", "facts": []}])
    result = runner.invoke(app, ["eval", str(docs), str(gold)])
    assert result.exit_code == 2
    assert "'d9' is not in the documents file" in result.stderr
