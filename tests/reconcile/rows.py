"""Hand-made reports for the reconciliation tests: articles with the facts a reader finds.

`article(day, *facts)` makes one document whose text holds each fact's evidence;
`build(path, *articles)` ingests them into a SQLite ledger through the real pipeline (with
an extractor that returns the hand-made facts), so every fact row, key and entry is what
coprod itself stores.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from coprod.model import Agreement, Commitment, Document, Fact, GdpPledge, Target
from coprod.pipeline import ingest_items
from coprod.reconcile import Entry
from coprod.store import Store

Article = tuple[Document, list[Fact]]
_numbers = itertools.count(1)
_WORDS = "amber birch cedar delta ember fjord garnet harbor indigo juniper kestrel lumen".split()


def _said(fact: Fact) -> str:
    return f"Report line {next(_numbers)}: {fact.type} stated here."


def commitment(
    amount: float | None = 20_000_000,
    currency: str | None = "EUR",
    funder: Sequence[str] = ("DNK",),
    **fields: Any,
) -> Commitment:
    defaults: dict[str, Any] = {"mechanism": "ukrainian_industry", "status": "allocated"}
    made = Commitment(
        funder=list(funder),
        amount=amount,
        currency=currency,
        evidence="",
        start=0,
        end=0,
        **(defaults | fields),
    )
    return replace(made, evidence=_said(made))


def agreement(parties: Sequence[str] = ("DNK", "UKR"), **fields: Any) -> Agreement:
    defaults: dict[str, Any] = {"kind": "coproduction", "stage": "signed"}
    made = Agreement(parties=sorted(parties), evidence="", start=0, end=0, **(defaults | fields))
    return replace(made, evidence=_said(made))


def pledge(funder: Sequence[str] = ("LTU",), share_pct: float = 0.25, **fields: Any) -> GdpPledge:
    made = GdpPledge(
        funder=list(funder), share_pct=share_pct, evidence="", start=0, end=0, **fields
    )
    return replace(made, evidence=_said(made))


def target(value: float = 1_000_000_000, **fields: Any) -> Target:
    defaults: dict[str, Any] = {
        "subject": "UKR",
        "metric": "funding",
        "unit": "USD",
        "mechanism": "ukrainian_industry",
        "year": 2025,
    }
    made = Target(value=value, evidence="", start=0, end=0, **(defaults | fields))
    return replace(made, evidence=_said(made))


def article(day: str | None, *facts: Fact, url: str | None = None) -> Article:
    """One document dated `day` stating `facts`, each at its own offsets in the text."""
    n = next(_numbers)
    words = " ".join(_WORDS[(n + i) % len(_WORDS)] for i in range(6))
    text = f"Dispatch {n} ({words}). " + " ".join(f.evidence for f in facts)
    doc = Document(
        id=f"doc-{n}",
        text=text,
        url=url or f"https://example.org/news/{n}",
        title=f"Dispatch {n}",
        date=day,
        lang="en",
        outlet="example.org",
    )
    placed = [
        replace(f, start=text.index(f.evidence), end=text.index(f.evidence) + len(f.evidence))
        for f in facts
    ]
    return doc, placed


def ingest(store: Store, *articles: Article) -> None:
    """Ingest `articles` as one run (the pipeline reconciles after it)."""
    found = {doc.id: facts for doc, facts in articles}
    ingest_items([doc for doc, _ in articles], store, extract=lambda doc: found[doc.id])


def build(path: Path, *articles: Article) -> Store:
    """A ledger at `path` holding `articles`; the caller closes it."""
    store = Store.open(str(path))
    ingest(store, *articles)
    return store


def rows_of(tmp_path: Path, *articles: Article) -> list[dict[str, Any]]:
    """The fact rows reconciliation reads, for `articles` stored in a fresh ledger."""
    with build(tmp_path / f"rows-{next(_numbers)}.db", *articles) as store:
        return store.reconcile_rows()


def members(entry: Entry) -> list[str]:
    return sorted(m.row["fact_key"] for m in entry.members)


def of_type(entries: Sequence[Entry], type_: str) -> list[Entry]:
    return [e for e in entries if e.type == type_]
