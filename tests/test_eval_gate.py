"""The evaluation gate: `coprod eval` on the shared dev corpus, F1 per type above its floor.

The floors live in eval_floors.json beside this file and are raised as the extractor
improves. The corpus is resolved from the repository root as ../shared/corpus/dev/; where
it is absent the gate is skipped, saying so. The digest of the files scored is printed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coprod.views.cli import evaluate  # noqa: F401  (registers `coprod eval`)
from coprod.views.cli._app import app

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))
LANG = "en"


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    docs, gold = CORPUS / "docs.jsonl", CORPUS / "gold.jsonl"
    if not (docs.is_file() and gold.is_file()):
        pytest.skip(f"no dev corpus at {CORPUS} (docs.jsonl and gold.jsonl): gate not run")
    result = CliRunner().invoke(app, ["eval", str(docs), str(gold), "--lang", LANG, "--json"])
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def test_prints_the_corpus_it_scored(
    scores: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    digest = ", ".join(f"{name} {value}" for name, value in scores["digest"].items())
    with capsys.disabled():
        print(f"\neval gate: {scores['documents']} documents ({LANG}), sha256 {digest}")
    assert scores["documents"] > 0


@pytest.mark.parametrize("fact_type", sorted(FLOORS))
def test_f1_is_at_least_its_floor(
    scores: dict[str, dict[str, dict[str, float]]], fact_type: str
) -> None:
    f1 = scores["types"][fact_type]["f1"] or 0.0
    assert f1 >= FLOORS[fact_type], (
        f"{fact_type} F1 {f1:.3f} < floor {FLOORS[fact_type]} on digest {scores['digest']}"
    )


def test_floors_name_every_fact_type() -> None:
    assert set(FLOORS) == {"commitment", "gdp_pledge", "agreement", "target"}
