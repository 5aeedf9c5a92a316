"""The evaluation gate: `coprod eval` on each gold corpus, F1 per type above its floor.

Corpora: the shared dev corpus (English documents; resolved from the repository root as
../shared/corpus/dev/ and skipped, saying so, where it is absent), and our own demo and
holdout corpora, written in our own words. The floors live in eval_floors.json beside this
file, per corpus, and are only ever raised. The digest of the files scored is printed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coprod.views.cli import app

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
FLOORS: dict[str, dict[str, float]] = json.loads(
    (Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8")
)
CORPORA: dict[str, tuple[Path, Path, str | None]] = {
    "dev": (
        ROOT.parent / "shared/corpus/dev/docs.jsonl",
        ROOT.parent / "shared/corpus/dev/gold.jsonl",
        "en",
    ),
    "demo": (ROOT / "src/coprod/demo/articles.jsonl", FIXTURES / "demo_gold.jsonl", None),
    "holdout": (FIXTURES / "holdout_docs.jsonl", FIXTURES / "holdout_gold.jsonl", None),
    "holdout2": (FIXTURES / "holdout2_docs.jsonl", FIXTURES / "holdout2_gold.jsonl", None),
}
_cache: dict[str, dict[str, Any]] = {}


def _scores(corpus: str) -> dict[str, Any]:
    if corpus not in _cache:
        docs, gold, lang = CORPORA[corpus]
        if not (docs.is_file() and gold.is_file()):
            pytest.skip(f"no {corpus} corpus at {docs.parent} ({docs.name}, {gold.name})")
        args = ["eval", str(docs), str(gold), "--json"] + (["--lang", lang] if lang else [])
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        _cache[corpus] = json.loads(result.stdout)
    return _cache[corpus]


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_prints_the_corpus_it_scored(corpus: str, capsys: pytest.CaptureFixture[str]) -> None:
    scores = _scores(corpus)
    digest = ", ".join(f"{name} {value}" for name, value in scores["digest"].items())
    with capsys.disabled():
        print(f"\neval gate {corpus}: {scores['documents']} documents, sha256 {digest}")
    assert scores["documents"] > 0


@pytest.mark.parametrize(
    ("corpus", "fact_type"),
    [(corpus, fact_type) for corpus in sorted(FLOORS) for fact_type in sorted(FLOORS[corpus])],
)
def test_f1_is_at_least_its_floor(corpus: str, fact_type: str) -> None:
    scores = _scores(corpus)
    f1 = scores["types"][fact_type]["f1"] or 0.0
    floor = FLOORS[corpus][fact_type]
    assert f1 >= floor, f"{corpus} {fact_type} F1 {f1:.3f} < floor {floor} ({scores['digest']})"


def test_floors_name_every_corpus_and_fact_type() -> None:
    assert set(FLOORS) <= set(CORPORA)
    for floors in FLOORS.values():
        assert set(floors) == {"commitment", "gdp_pledge", "agreement", "target"}
