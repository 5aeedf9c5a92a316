"""Documents and facts built by hand for the ledger's tests: no extractor needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coprod.model import Agreement, Commitment, Document, Fact, GdpPledge, Target
from coprod.store import Store

DENMARK = Document(
    id="dk-1",
    url="https://example.org/denmark",
    title="Denmark funds Ukrainian weapons makers",
    date="2025-03-01",
    outlet="example.org",
    lang="en",
    text=(
        "Denmark has allocated DKK 1.3 billion to buy weapons from Ukrainian producers. "
        "Denmark and Ukraine signed an agreement on joint production in Denmark on July 4."
    ),
)
LITHUANIA = Document(
    id="lt-1",
    url="https://example.org/lithuania",
    title="Lithuania pledges 0.25% of GDP",
    date="2025-06-10",
    outlet="example.org",
    lang="en",
    text=(
        "Lithuania pledged 0.25% of its GDP a year to Ukraine's defence industry. "
        "Lithuania will provide 20 million euros ($21 million) for drones."
    ),
)
UKRAINE = Document(
    id="ua-1",
    url="https://example.org/ukraine",
    title="Ukraine aims for $1 billion",
    date="2025-09-20",
    outlet="example.org",
    lang="en",
    text="Ukraine aims to raise over $1 billion a year through the Danish model.",
)
DOCUMENTS = (DENMARK, LITHUANIA, UKRAINE)


def span(doc: Document, sentence: str) -> dict[str, Any]:
    """Evidence fields for `sentence`, which must appear in `doc`."""
    start = doc.text.index(sentence)
    return {"evidence": sentence, "start": start, "end": start + len(sentence)}


def facts_of(doc: Document) -> list[Fact]:
    """The facts a careful reader finds in each sample document."""
    sentences = [s if s.endswith(".") else s + "." for s in doc.text.split(". ")]  # plain prose
    if doc is DENMARK:
        return [
            Commitment(
                funder=["DNK"],
                amount=1_300_000_000,
                currency="DKK",
                mechanism="ukrainian_industry",
                status="allocated",
                **span(doc, sentences[0]),
            ),
            Agreement(
                parties=["DNK", "UKR"],
                kind="coproduction",
                stage="signed",
                host="DNK",
                date="2025-07-04",
                **span(doc, sentences[1]),
            ),
        ]
    if doc is LITHUANIA:
        return [
            GdpPledge(funder=["LTU"], share_pct=0.25, period="annual", **span(doc, sentences[0])),
            Commitment(
                funder=["LTU"],
                amount=20_000_000,
                currency="EUR",
                alt=[(21_000_000, "USD")],
                mechanism="ukrainian_industry",
                status="planned",
                categories=["drones"],
                **span(doc, sentences[1]),
            ),
        ]
    return [
        Target(
            subject="UKR",
            metric="funding",
            value=1_000_000_000,
            unit="USD",
            qualifier="over",
            mechanism="ukrainian_industry",
            **span(doc, doc.text),
        )
    ]


def filled_store(db: Path | str, documents: tuple[Document, ...] = DOCUMENTS) -> Store:
    """A ledger at `db` (a file path or URL) holding `documents` and their facts."""
    store = Store.open(str(db))
    for doc in documents:
        store.add_document(doc)
        store.add_facts(doc.sha256, facts_of(doc))
    return store
