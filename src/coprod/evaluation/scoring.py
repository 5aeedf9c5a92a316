"""Precision, recall and F1 per fact type, and attribute accuracies, over many documents.

A record is `{"id": ..., "facts": [fact dict, ...]}` (predicted facts may carry extra
fields). Each document's facts of one type are paired by `matching.match_pairs`; counts
are summed over all documents (a micro average), so a fact predicted in a document without
gold facts is a false positive. Attribute accuracies are taken over the matched pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from coprod.errors import InputError
from coprod.evaluation.matching import ATTRIBUTES, KEY_FIELDS, match_pairs
from coprod.model import FACT_TYPES

Record = Mapping[str, Any]
FactDict = Mapping[str, Any]

UNDETERMINED = "und"  # BCP 47's code for a document whose language is not given


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Counts:
    """True positives, false positives and false negatives, and the figures made of them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """2PR/(P+R), written so that it is 0.0 (not undefined) when nothing matched."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def as_dict(self) -> dict[str, Any]:
        figures = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        return figures | {"tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    """How many matched pairs agree on one attribute, out of `n` matched pairs."""

    correct: int = 0
    n: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.n)


@dataclass(frozen=True)
class Miss:
    """A false positive (predicted, unmatched) or false negative (gold, unmatched)."""

    doc_id: str
    kind: Literal["fp", "fn"]
    fact: FactDict

    def key_fields(self) -> dict[str, Any]:
        """The fields the match rule of this fact's type compares."""
        return {name: self.fact.get(name) for name in KEY_FIELDS[self.fact["type"]]}

    def as_dict(self) -> dict[str, Any]:
        head = {"id": self.doc_id, "miss": self.kind, "type": self.fact["type"]}
        return head | self.key_fields() | {"evidence": self.fact.get("evidence")}


def _new_types() -> dict[str, Counts]:
    return {t: Counts() for t in FACT_TYPES}


def _new_attributes() -> dict[str, Accuracy]:
    return {name: Accuracy() for names in ATTRIBUTES.values() for name in names}


@dataclass
class Report:
    """Everything one evaluation run measured; `digest` names the files it scored."""

    documents: int = 0
    types: dict[str, Counts] = field(default_factory=_new_types)
    attributes: dict[str, Accuracy] = field(default_factory=_new_attributes)
    languages: dict[str, Counts] = field(default_factory=dict)
    language_documents: dict[str, int] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    digest: dict[str, str] = field(default_factory=dict)

    @property
    def overall(self) -> Counts:
        """Micro average: the counts of every type summed."""
        total = Counts()
        for counts in self.types.values():
            total.add(counts)
        return total

    def to_json(self, *, misses: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"digest": self.digest, "documents": self.documents}
        out["types"] = {t: c.as_dict() for t, c in self.types.items()}
        out["overall"] = self.overall.as_dict()
        out["attributes"] = {
            k: {"accuracy": a.accuracy, "n": a.n} for k, a in self.attributes.items()
        }
        out["languages"] = {
            lang: {"documents": self.language_documents[lang], "recall": c.recall}
            | {"tp": c.tp, "fp": c.fp, "fn": c.fn}
            for lang, c in sorted(self.languages.items())
        }
        if misses:
            out["misses"] = [m.as_dict() for m in self.misses]
        return out


def check_facts(record: Record, where: str) -> list[FactDict]:
    """The record's facts, checked to be objects of a known type."""
    facts = record.get("facts")
    if not isinstance(facts, list):
        raise InputError(f"{where}: 'facts' must be a list")
    for fact in facts:
        if not isinstance(fact, dict) or fact.get("type") not in FACT_TYPES:
            raise InputError(f"{where}: not a fact of a known type: {fact!r:.120}")
    return facts


def _by_id(records: Iterable[Record], what: str) -> dict[str, list[FactDict]]:
    out: dict[str, list[FactDict]] = {}
    for record in records:
        doc_id = str(record.get("id"))
        if doc_id in out:
            raise InputError(f"{what}: document {doc_id!r} appears twice")
        out[doc_id] = check_facts(record, f"{what} {doc_id!r}")
    return out


def score(
    gold: Iterable[Record],
    predicted: Iterable[Record],
    langs: Mapping[str, str | None],
    lang: str | None = None,
) -> Report:
    """Score `predicted` against `gold`; `langs` gives each document's language.

    Only gold documents are scored (predictions for other ids are ignored); with `lang`,
    only gold documents in that language."""
    predictions = _by_id(predicted, "predictions")
    report = Report()
    for doc_id, gold_facts in _by_id(gold, "gold").items():
        if doc_id not in langs:
            raise InputError(f"gold document {doc_id!r} is not in the documents file")
        if lang is None or langs[doc_id] == lang:
            doc_lang = langs[doc_id] or UNDETERMINED
            _score_document(report, doc_id, doc_lang, gold_facts, predictions.get(doc_id, []))
    return report


def _score_document(
    report: Report, doc_id: str, lang: str, gold: list[FactDict], predicted: list[FactDict]
) -> None:
    report.documents += 1
    report.language_documents[lang] = report.language_documents.get(lang, 0) + 1
    per_lang = report.languages.setdefault(lang, Counts())
    for fact_type in FACT_TYPES:
        golds = [f for f in gold if f["type"] == fact_type]
        preds = [f for f in predicted if f["type"] == fact_type]
        pairs = match_pairs(preds, golds)
        counts = Counts(len(pairs), len(preds) - len(pairs), len(golds) - len(pairs))
        report.types[fact_type].add(counts)
        per_lang.add(counts)
        _tally_attributes(report, fact_type, [(preds[i], golds[j]) for i, j in pairs])
        report.misses.extend(_misses(doc_id, preds, golds, pairs))


def _tally_attributes(
    report: Report, fact_type: str, pairs: Sequence[tuple[FactDict, FactDict]]
) -> None:
    for name in ATTRIBUTES.get(fact_type, ()):
        accuracy = report.attributes[name]
        accuracy.n += len(pairs)
        accuracy.correct += sum(p.get(name) == g.get(name) for p, g in pairs)


def _misses(
    doc_id: str, preds: list[FactDict], golds: list[FactDict], pairs: list[tuple[int, int]]
) -> list[Miss]:
    matched_preds, matched_golds = {i for i, _ in pairs}, {j for _, j in pairs}
    fps = [Miss(doc_id, "fp", f) for i, f in enumerate(preds) if i not in matched_preds]
    fns = [Miss(doc_id, "fn", f) for j, f in enumerate(golds) if j not in matched_golds]
    return fps + fns
