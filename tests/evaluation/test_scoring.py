from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.errors import InputError
from coprod.evaluation.scoring import Counts, score
from tests.evaluation.facts import agreement, commitment, corpora, predictions, record, target

Corpus = tuple[list[dict[str, Any]], dict[str, str | None]]


def test_counts_give_precision_recall_and_f1() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == 0.75
    assert counts.recall == 0.6
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_figures_are_undefined_without_facts_and_zero_without_matches() -> None:
    assert Counts().as_dict() == {
        "precision": None,
        "recall": None,
        "f1": None,
        "tp": 0,
        "fp": 0,
        "fn": 0,
    }
    assert (Counts(fn=4).precision, Counts(fn=4).recall, Counts(fn=4).f1) == (None, 0.0, 0.0)


def test_matched_and_unmatched_facts_are_counted_per_type() -> None:
    gold = [record("a", commitment(), agreement(), target())]
    predicted = [record("a", commitment(amount=1.0), agreement(), agreement(("NOR", "UKR")))]
    report = score(gold, predicted, {"a": "en"})
    assert report.types["commitment"] == Counts(tp=0, fp=1, fn=1)
    assert report.types["agreement"] == Counts(tp=1, fp=1, fn=0)
    assert report.types["target"] == Counts(tp=0, fp=0, fn=1)
    assert report.types["gdp_pledge"] == Counts()
    assert report.overall == Counts(tp=1, fp=2, fn=2)


def test_anything_found_in_a_negative_document_is_a_false_positive() -> None:
    report = score([record("neg")], [record("neg", commitment(), target())], {"neg": "en"})
    assert report.overall == Counts(tp=0, fp=2, fn=0)
    assert report.types["commitment"].precision == 0.0


def test_a_document_without_predictions_misses_its_facts() -> None:
    report = score([record("a", commitment())], [], {"a": "en"})
    assert report.types["commitment"] == Counts(fn=1)


def test_predictions_for_documents_without_gold_are_ignored() -> None:
    report = score([record("a")], [record("other", commitment())], {"a": "en"})
    assert report.overall == Counts()
    assert report.documents == 1


def test_matching_is_per_document() -> None:
    gold = [record("a", commitment()), record("b")]
    report = score(gold, [record("b", commitment())], {"a": "en", "b": "en"})
    assert report.types["commitment"] == Counts(tp=0, fp=1, fn=1)


def test_lang_filters_documents_gold_and_predictions_alike() -> None:
    gold = [record("a", commitment()), record("b", target()), record("c")]
    predicted = [record("a", commitment()), record("c", target())]
    langs: dict[str, str | None] = {"a": "en", "b": "de", "c": "de"}
    report = score(gold, predicted, langs, lang="de")
    assert report.documents == 2
    assert report.overall == Counts(tp=0, fp=1, fn=1)
    assert set(report.languages) == {"de"}


def test_without_lang_every_language_is_scored_and_recalled_apart() -> None:
    gold = [record("a", commitment()), record("b", target()), record("c", agreement())]
    predicted = [record("a", commitment())]
    report = score(gold, predicted, {"a": "en", "b": "de", "c": None})
    assert report.documents == 3
    assert report.languages["en"].recall == 1.0
    assert report.languages["de"].recall == 0.0
    assert report.languages["und"].recall == 0.0
    assert report.to_json()["languages"]["en"] == {
        "documents": 1,
        "recall": 1.0,
        "tp": 1,
        "fp": 0,
        "fn": 0,
    }


def test_attribute_accuracy_over_matched_pairs() -> None:
    gold = [record("a", commitment(status="pledged"), commitment(amount=5e6), agreement())]
    predicted = [
        record(
            "a",
            commitment(status="allocated", cumulative=True),
            commitment(amount=5e6),
            agreement(stage="planned", host=None),
            target(),  # unmatched: no attribute is tallied for it
        )
    ]
    attributes = score(gold, predicted, {"a": "en"}).to_json()["attributes"]
    assert attributes["mechanism"] == {"accuracy": 1.0, "n": 2}
    assert attributes["status"] == {"accuracy": 0.5, "n": 2}
    assert attributes["cumulative"] == {"accuracy": 0.5, "n": 2}
    assert attributes["stage"] == {"accuracy": 0.0, "n": 1}
    assert attributes["host"] == {"accuracy": 0.0, "n": 1}
    assert attributes["date"] == {"accuracy": 1.0, "n": 1}


def test_misses_name_document_kind_and_key_fields_type_by_type() -> None:
    gold = [record("a", agreement(evidence="Kyiv and Copenhagen signed."))]
    predicted = [record("a", target("projects", 21))]
    misses = score(gold, predicted, {"a": "en"}).to_json(misses=True)["misses"]
    assert misses == [
        {
            "id": "a",
            "miss": "fn",
            "type": "agreement",
            "parties": ["DNK", "UKR"],
            "kind": "coproduction",
            "evidence": "Kyiv and Copenhagen signed.",
        },
        {
            "id": "a",
            "miss": "fp",
            "type": "target",
            "metric": "projects",
            "value": 21,
            "evidence": "e",
        },
    ]


def test_json_report_has_the_documented_keys() -> None:
    report = score([record("a")], [], {"a": "en"})
    report.digest = {"docs": "0" * 12, "gold": "1" * 12}
    out = report.to_json()
    assert set(out) == {"digest", "documents", "types", "overall", "attributes", "languages"}
    assert set(out["types"]) == {"commitment", "gdp_pledge", "agreement", "target"}
    assert set(out["types"]["target"]) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert set(out["attributes"]) == {"mechanism", "status", "cumulative", "stage", "host", "date"}


@pytest.mark.parametrize(
    ("gold", "langs", "message"),
    [
        ([record("a")], {}, "not in the documents file"),
        ([record("a"), record("a")], {"a": "en"}, "appears twice"),
        ([{"id": "a", "facts": "none"}], {"a": "en"}, "must be a list"),
        ([record("a", {"type": "rumour"})], {"a": "en"}, "known type"),
    ],
)
def test_inconsistent_records_are_input_errors(
    gold: list[dict[str, Any]], langs: dict[str, str | None], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        score(gold, [], langs)


@given(corpora())
def test_gold_scored_against_itself_is_perfect(corpus: Corpus) -> None:
    gold, langs = corpus
    report = score(gold, gold, langs)
    for counts in report.types.values():
        assert counts.fp == counts.fn == 0
        assert counts.f1 == (1.0 if counts.tp else None)
    for accuracy in report.attributes.values():
        assert accuracy.accuracy in (1.0, None)


@given(corpora(), st.data())
def test_every_fact_is_counted_once(corpus: Corpus, data: st.DataObject) -> None:
    gold, langs = corpus
    predicted = data.draw(predictions(gold))
    report = score(gold, predicted, langs)
    for fact_type, counts in report.types.items():
        golds = sum(f["type"] == fact_type for r in gold for f in r["facts"])
        preds = sum(f["type"] == fact_type for r in predicted for f in r["facts"])
        assert (counts.tp + counts.fn, counts.tp + counts.fp) == (golds, preds)


@given(corpora(), st.data())
def test_order_of_facts_and_records_does_not_change_scores(
    corpus: Corpus, data: st.DataObject
) -> None:
    gold, langs = corpus
    predicted = data.draw(predictions(gold))

    def shuffled(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = [record(r["id"], *data.draw(st.permutations(r["facts"]))) for r in records]
        return data.draw(st.permutations(out))

    first = score(gold, predicted, langs).to_json()
    assert score(shuffled(gold), shuffled(predicted), langs).to_json() == first
