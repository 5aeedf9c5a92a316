"""Where every partner stands, as plain data built from the ledger. Views only read.

First the reconciled ledger: the scoreboard (each partner's counted money in EUR and USD
against 0.25% of its GDP), Danish-model money against Ukraine's goal per year, the
co-production pipeline by stage and host country, and a timeline of dated, sourced steps.
Then, per partner, every fact as reported: commitments by mechanism and status, GDP
pledges, agreements by stage and host, and the targets it set, each with its source and
evidence. A story republished elsewhere (a near-duplicate) gives its facts once, from its
first document; `republished` lists where else each such story appeared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from coprod.model import MECHANISMS, STAGES, STATUSES
from coprod.store import Counts, FactRow, Store
from coprod.views.programmes import (
    Event,
    PipelineCell,
    ProgrammeYear,
    danish_model,
    pipeline,
    timeline,
)
from coprod.views.scoreboard import Scoreboard, build_scoreboard

HOME = "UKR"  # every agreement involves Ukraine: it is filed under the partner
UNNAMED = "(unnamed)"  # a fact whose text names no funder, partner or subject
CAVEAT = (
    "Totals add each partner's distinct ledger entries that are pledged or further along, "
    "each once: reports of one deal are one entry, a running total is never added to the "
    "sums it contains, conflicting figures are flagged, not averaged. Sums are converted at "
    "the ECB reference rate of their report's day. Below them, every fact as reported."
)


@dataclass(frozen=True)
class Group:
    """Facts sharing a key, e.g. (mechanism, status) = ('ukrainian_industry', 'allocated')."""

    key: tuple[str | None, ...]
    facts: list[FactRow]


@dataclass(frozen=True)
class PartnerReport:
    partner: str
    commitments: list[Group]  # keyed by (mechanism, status)
    gdp_pledges: list[FactRow]
    agreements: list[Group]  # keyed by (stage, host)
    targets: list[FactRow]


@dataclass(frozen=True)
class Republished:
    """A story published more than once: its first document, and its copies' URLs."""

    url: str | None
    title: str | None
    copies: list[str]  # each copy's URL, else its title


@dataclass(frozen=True)
class Ledger:
    """The reconciled view: where partners and programmes stand."""

    scoreboard: Scoreboard
    danish_model: list[ProgrammeYear]
    pipeline: list[PipelineCell]
    timeline: list[Event]
    conflicts: list[dict[str, Any]]  # entries with an open conflict, to review


@dataclass(frozen=True)
class Report:
    partners: list[PartnerReport]
    counts: Counts
    ledger: Ledger
    caveat: str = field(default=CAVEAT)
    republished: list[Republished] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_report(store: Store) -> Report:
    by_partner: dict[str, dict[str, list[FactRow]]] = defaultdict(lambda: defaultdict(list))
    for row in store.facts():
        for partner in partners_of(row):
            by_partner[partner][row["type"]].append(row)
    order = sorted(by_partner, key=lambda code: (code == UNNAMED, code))
    partners = [_partner(code, by_partner[code]) for code in order]
    return Report(partners, store.counts(), build_ledger(store), republished=republished(store))


def build_ledger(store: Store) -> Ledger:
    entries = store.entries()
    return Ledger(
        scoreboard=build_scoreboard(store),
        danish_model=danish_model(entries),
        pipeline=pipeline(entries),
        timeline=timeline(entries, store.evidence()),
        conflicts=[e for e in entries if e["conflict"]],
    )


def republished(store: Store) -> list[Republished]:
    """Every story the ledger holds more than one copy of."""
    return [
        Republished(
            url=group["url"],
            title=group["title"],
            copies=[
                str(copy["url"] or copy["title"] or copy["sha256"]) for copy in group["copies"]
            ],
        )
        for group in store.duplicate_groups()
    ]


def partners_of(row: FactRow) -> list[str]:
    """Whom a fact is about: funders; an agreement's parties but Ukraine; a target's subject."""
    if row["type"] == "agreement":
        parties: list[str] = row["parties"] or []
        return [p for p in parties if p != HOME] or parties or [UNNAMED]
    if row["type"] == "target":
        return [row["subject"] or UNNAMED]
    return row["funder"] or [UNNAMED]


def _partner(code: str, rows: dict[str, list[FactRow]]) -> PartnerReport:
    return PartnerReport(
        partner=code,
        commitments=group(rows["commitment"], ("mechanism", MECHANISMS), ("status", STATUSES)),
        gdp_pledges=rows["gdp_pledge"],
        agreements=group(rows["agreement"], ("stage", STAGES), ("host", ())),
        targets=rows["target"],
    )


def group(rows: list[FactRow], *keys: tuple[str, Sequence[str]]) -> list[Group]:
    """Rows grouped by the named fields, groups in vocabulary order, unstated last."""
    groups: dict[tuple[str | None, ...], list[FactRow]] = defaultdict(list)
    for row in rows:
        groups[tuple(row[name] for name, _ in keys)].append(row)
    vocabularies = [vocabulary for _, vocabulary in keys]

    def rank(key: tuple[str | None, ...]) -> list[tuple[int, str]]:
        return [_rank(value, vocab) for value, vocab in zip(key, vocabularies, strict=True)]

    return [Group(key, groups[key]) for key in sorted(groups, key=rank)]


def _rank(value: str | None, vocabulary: Sequence[str]) -> tuple[int, str]:
    """Known values in their vocabulary's order, then others alphabetically, then None."""
    if value is None:
        return (len(vocabulary) + 1, "")
    if value in vocabulary:
        return (vocabulary.index(value), "")
    return (len(vocabulary), value)
