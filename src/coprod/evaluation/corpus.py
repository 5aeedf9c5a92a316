"""Files in and out of an evaluation: documents, gold and predicted records, digests.

`evaluate_files` is the whole run behind `coprod eval`: read the documents and gold,
run the extractor (or read saved predictions), score, and name the files by digest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from coprod.errors import InputError
from coprod.evaluation.scoring import Report, check_facts, score
from coprod.extract import extract_facts
from coprod.ingest import reasons
from coprod.ingest.jsonl import numbered_lines, parse_line, read_jsonl
from coprod.model import Document, Fact, Skipped
from coprod.settings import Settings

Extractor = Callable[[Document], list[Fact]]

DIGEST_CHARS = 12  # enough hex digits to tell two corpus versions apart in a log line


def file_digest(path: Path) -> str:
    """The first hex digits of the file's SHA-256: which corpus version was scored."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_CHARS]
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def read_records(path: Path) -> list[dict[str, Any]]:
    """Gold or predicted records from JSON Lines; any bad line is an InputError naming it."""
    try:
        with path.open(encoding="utf-8") as lines:
            numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    return [_record(line, f"{path}:{n}") for n, line in numbered]


def _record(line: str, where: str) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: invalid JSON ({exc.msg})") from exc
    if not isinstance(data, dict) or "id" not in data:
        raise InputError(f"{where}: not an object with an 'id'")
    check_facts(data, where)
    return data


def read_documents(
    stream: BinaryIO, source: str, settings: Settings | None = None
) -> Iterator[Document | Skipped]:
    """Documents from a JSON Lines stream, line by line, parsed as `coprod.ingest` parses
    JSONL; each bad line becomes a Skipped whose source is `source:line`."""
    limit = (settings or Settings()).max_jsonl_line_bytes
    for number, line in numbered_lines(stream, limit):
        where = f"{source}:{number}"
        if line is None:
            yield Skipped(where, reasons.TOO_LARGE, f"line longer than {limit:,} bytes")
        elif line.strip():
            yield parse_line(line, where, where)


def prediction(doc: Document, extractor: Extractor = extract_facts) -> dict[str, Any]:
    """The record `coprod extract` prints for one document."""
    return {"id": doc.id, "facts": [fact.to_dict() for fact in extractor(doc)]}


def load_documents(path: Path, settings: Settings | None = None) -> list[Document]:
    """Every document of a JSONL corpus; any skipped line is an InputError naming it."""
    docs = []
    for item in read_jsonl(path, path.name, settings or Settings()):
        if isinstance(item, Skipped):
            raise InputError(f"{item.source}: {item.reason}: {item.detail}")
        docs.append(item)
    return docs


def evaluate_files(
    docs_path: Path,
    gold_path: Path,
    *,
    lang: str | None = None,
    predictions_path: Path | None = None,
    extractor: Extractor = extract_facts,
    settings: Settings | None = None,
) -> Report:
    """Score the extractor (or a saved predictions file) on a documents and a gold file."""
    docs = load_documents(docs_path, settings)
    gold = read_records(gold_path)
    if predictions_path is not None:
        predicted = read_records(predictions_path)
    else:
        scored = [d for d in docs if lang is None or d.lang == lang]
        predicted = [prediction(d, extractor) for d in scored]
    report = score(gold, predicted, {d.id: d.lang for d in docs}, lang)
    report.digest = {"docs": file_digest(docs_path), "gold": file_digest(gold_path)}
    if predictions_path is not None:
        report.digest["predictions"] = file_digest(predictions_path)
    return report
