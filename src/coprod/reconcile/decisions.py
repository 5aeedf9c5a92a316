"""Analysts' decisions, and how they change the facts that reconciliation reads.

A decision names facts by their fact key (stable across re-runs: the same document and the
same extracted fields give the same key) and is never edited or deleted: the audit log is
append-only and reconciliation applies it last, so re-running extraction or ingestion
never overwrites a decision.

- `confirm` a fact: its figure is the one its entry shows; an open conflict is closed.
- `correct` a fact: new values for some of its fields (the stored fact keeps the text's),
  and, like a confirmation, its figure is then the entry's.
- `reject` a fact: it is left out of every entry (a later confirm or correct undoes this).
- `merge` facts: they are one entry, whatever the rules say.
- `split` a fact: it is its own entry; rules never join it to others, and a merge made
  before the split no longer holds it (the merge still holds the others it named).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from coprod.errors import InputError
from coprod.model import (
    AGREEMENT_KINDS,
    CATEGORIES,
    MECHANISMS,
    METRICS,
    QUALIFIERS,
    STAGES,
    STATUSES,
    Decision,
)

ACTIONS = ("confirm", "correct", "reject", "merge", "split")
VERDICTS = ("confirm", "correct", "reject")  # the latest of these decides a fact's standing

# Which fields a correction may set, per fact type, as GUIDELINE.md defines them.
CORRECTABLE: dict[str, tuple[str, ...]] = {
    "commitment": (
        "funder",
        "amount",
        "currency",
        "qualifier",
        "mechanism",
        "categories",
        "status",
        "cumulative",
        "year",
    ),
    "gdp_pledge": ("funder", "share_pct", "period"),
    "agreement": ("parties", "kind", "stage", "host", "companies", "categories", "date"),
    "target": ("subject", "metric", "value", "unit", "qualifier", "mechanism", "year"),
}
VOCABULARIES: dict[str, Sequence[str]] = {
    "qualifier": QUALIFIERS,
    "mechanism": MECHANISMS,
    "status": STATUSES,
    "kind": AGREEMENT_KINDS,
    "stage": STAGES,
    "metric": METRICS,
    "period": ("annual", "once"),
}
CODE = re.compile(r"[A-Z][A-Z0-9]{1,5}")  # ISO3 or an organisation code (EU, NATO, G7)
CURRENCY = re.compile(r"[A-Z]{3}")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
NUMBERS = ("amount", "share_pct", "value")
CODE_LISTS = ("funder", "parties")
NULLS = ("", "null", "none", "-")  # how a CLI user clears a field


@dataclass
class Standing:
    """What the decisions, in order, make of the facts."""

    corrections: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> new fields
    rejected: set[str] = field(default_factory=set)
    decided: dict[str, Decision] = field(default_factory=dict)  # key -> its latest verdict
    merges: list[Decision] = field(default_factory=list)  # still standing
    split: set[str] = field(default_factory=set)


def standing(decisions: Iterable[Decision]) -> Standing:
    """Apply decisions oldest first; a later verdict on a fact replaces an earlier one."""
    out = Standing()
    ordered = sorted(decisions, key=lambda d: d.id or 0)
    for decision in ordered:
        _apply(out, decision)
    out.merges = [m for m in out.merges if len(m.fact_keys) > 1]
    return out


def _apply(out: Standing, decision: Decision) -> None:
    keys = decision.fact_keys
    if decision.action in VERDICTS:
        for key in keys:
            out.decided.pop(key, None)
            out.rejected.discard(key)
            if decision.action == "reject":
                out.rejected.add(key)
            else:
                out.decided[key] = decision
    if decision.action == "correct":
        for key in keys:
            out.corrections.setdefault(key, {}).update(decision.fields or {})
    elif decision.action == "merge":
        out.split.difference_update(keys)
        out.merges.append(decision)
    elif decision.action == "split":
        out.split.update(keys)
        out.merges = [
            replace(m, fact_keys=[k for k in m.fact_keys if k not in keys]) for m in out.merges
        ]


def corrected(row: dict[str, Any], state: Standing) -> dict[str, Any]:
    """The fact as the analysts left it: its row with their corrections applied."""
    fields_ = state.corrections.get(row["fact_key"])
    return row | fields_ if fields_ else row


# -- checking a decision before it is stored -------------------------------------------


def check(action: str, fact_types: Sequence[str], fields_: dict[str, Any] | None) -> None:
    """Refuse a decision that makes no sense, with one clear message (InputError)."""
    if action not in ACTIONS:
        raise InputError(f"unknown action {action!r}: use one of {', '.join(ACTIONS)}")
    if action == "merge" and len(fact_types) < 2:
        raise InputError("merge needs two facts or more")
    if action == "merge" and len(set(fact_types)) > 1:
        raise InputError(f"cannot merge facts of different types: {', '.join(fact_types)}")
    if action == "correct":
        if not fields_:
            raise InputError("correct needs at least one field, e.g. --set amount=20000000")
        _check_fields(fact_types[0], fields_)


def _check_fields(fact_type: str, fields_: dict[str, Any]) -> None:
    allowed = CORRECTABLE[fact_type]
    for name, value in fields_.items():
        if name not in allowed:
            raise InputError(f"a {fact_type} has no correctable field {name!r}: {allowed}")
        vocabulary = VOCABULARIES.get(name)
        if vocabulary is not None and value is not None and value not in vocabulary:
            raise InputError(f"{name} must be one of {', '.join(vocabulary)}, not {value!r}")


def normalised(fields_: dict[str, Any] | None) -> dict[str, Any] | None:
    """Codes in upper case and lists of codes sorted, however the caller wrote them."""
    if not fields_:
        return fields_
    out = dict(fields_)
    for name in ("currency", "host", "subject"):
        if isinstance(out.get(name), str):
            out[name] = out[name].upper()
    for name in CODE_LISTS:
        if isinstance(out.get(name), list):
            out[name] = sorted({str(c).upper() for c in out[name]})
    return out


def parse_fields(pairs: Sequence[str]) -> dict[str, Any]:
    """`name=value` strings from the command line, typed as the fact fields are."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep:
            raise InputError(f"expected name=value, got {pair!r}")
        out[name.strip()] = parse_value(name.strip(), text.strip())
    return out


def parse_value(name: str, text: str) -> Any:
    """One field's value from text: lists split on commas, numbers, booleans, codes."""
    if text.lower() in NULLS:
        return [] if name in (*CODE_LISTS, "categories", "companies") else None
    try:
        return _PARSERS.get(name, str)(text)
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from None


def _codes(text: str) -> list[str]:
    codes = sorted({c.strip().upper() for c in text.split(",") if c.strip()})
    bad = [c for c in codes if not CODE.fullmatch(c)]
    if bad:
        raise ValueError(f"not a country or organisation code: {', '.join(bad)}")
    return codes


def _number(text: str) -> float:
    value = float(text.replace("_", "").replace(",", ""))
    if value < 0 or value != value:
        raise ValueError(f"not a positive number: {text!r}")
    return value


def _categories(text: str) -> list[str]:
    names = [c.strip() for c in text.split(",") if c.strip()]
    bad = [c for c in names if c not in CATEGORIES]
    if bad:
        raise ValueError(f"unknown categories {bad}: use {', '.join(CATEGORIES)}")
    return names


def _currency(text: str) -> str:
    if not CURRENCY.fullmatch(text.upper()):
        raise ValueError(f"not an ISO 4217 code: {text!r}")
    return text.upper()


def _boolean(text: str) -> bool:
    if text.lower() in ("true", "yes", "1"):
        return True
    if text.lower() in ("false", "no", "0"):
        return False
    raise ValueError(f"not true or false: {text!r}")


def _year(text: str) -> int:
    year = int(text)
    if not 1990 <= year <= 2100:
        raise ValueError(f"not a plausible year: {text!r}")
    return year


def _date(text: str) -> str:
    if not DATE.fullmatch(text):
        raise ValueError(f"not YYYY, YYYY-MM or YYYY-MM-DD: {text!r}")
    return text


def _code(text: str) -> str:
    if not CODE.fullmatch(text.upper()):
        raise ValueError(f"not a country or organisation code: {text!r}")
    return text.upper()


_PARSERS: dict[str, Any] = {
    "funder": _codes,
    "parties": _codes,
    "amount": _number,
    "share_pct": _number,
    "value": _number,
    "currency": _currency,
    "categories": _categories,
    "companies": lambda text: [c.strip() for c in text.split(",") if c.strip()],
    "cumulative": _boolean,
    "year": _year,
    "date": _date,
    "host": _code,
    "subject": _code,
}
