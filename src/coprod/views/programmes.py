"""The programmes' state: Danish-model money against Ukraine's goal per year, the
co-production pipeline by stage and host country, and a timeline of dated, sourced steps.
All read from the ledger's entries; nothing here writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from coprod.model import STAGES
from coprod.reconcile.totals import year_of
from coprod.views.figures import number
from coprod.views.scoreboard import Entry

DANISH_MODEL = "ukrainian_industry"
UNSTATED = "unstated"  # an agreement whose stage or host country the text does not give


@dataclass(frozen=True)
class ProgrammeYear:
    """Counted Danish-model money in one year, and the goal Ukraine stated for it."""

    year: int | None
    eur: float
    usd: float
    entries: int
    goal_usd: float | None  # None when no goal in USD for that year is in the ledger
    goal_key: str | None  # the target entry that states it
    goal_pct: float | None  # usd as a share of the goal


def danish_model(entries: Sequence[Entry]) -> list[ProgrammeYear]:
    """Per year, the sums funders pay Ukrainian manufacturers, beside Ukraine's goal."""
    sums: dict[int | None, list[Entry]] = defaultdict(list)
    for entry in entries:
        converted = entry["eur"] is not None and entry["usd"] is not None
        if _counted(entry) and entry["mechanism"] == DANISH_MODEL and converted:
            sums[year_of(entry)].append(entry)
    goals = _goals(entries)
    years = sorted({*sums, *goals}, key=lambda y: (y is None, y or 0))
    return [_year(y, sums.get(y, []), goals.get(y)) for y in years]


def _counted(entry: Entry) -> bool:
    return entry["type"] == "commitment" and bool(entry["counted"])


def _goals(entries: Sequence[Entry]) -> dict[int | None, Entry]:
    """The latest-reported funding goal in USD for the Danish model, per year."""
    out: dict[int | None, Entry] = {}
    targets = [e for e in entries if e["type"] == "target" and e["metric"] == "funding"]
    for entry in sorted(targets, key=lambda e: e["date"] or ""):
        if entry["mechanism"] == DANISH_MODEL and entry["unit"] == "USD" and entry["year"]:
            out[int(entry["year"])] = entry
    return out


def _year(year: int | None, sums: list[Entry], goal: Entry | None) -> ProgrammeYear:
    usd = sum(float(e["usd"]) for e in sums)
    goal_usd = float(goal["value"]) if goal else None
    return ProgrammeYear(
        year=year,
        eur=sum(float(e["eur"]) for e in sums),
        usd=usd,
        entries=len(sums),
        goal_usd=goal_usd,
        goal_key=goal["key"] if goal else None,
        goal_pct=100 * usd / goal_usd if goal_usd else None,
    )


@dataclass(frozen=True)
class PipelineCell:
    stage: str
    host: str
    entries: list[str]  # entry keys


def pipeline(entries: Sequence[Entry]) -> list[PipelineCell]:
    """Co-production agreements counted by their most advanced stage and host country."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in entries:
        if entry["type"] == "agreement" and entry["kind"] == "coproduction":
            cells[(entry["stage"] or UNSTATED, entry["host"] or UNSTATED)].append(entry["key"])
    order = [*STAGES, UNSTATED]
    keys = sorted(cells, key=lambda k: (order.index(k[0]), k[1] == UNSTATED, k[1]))
    return [PipelineCell(stage, host, cells[(stage, host)]) for stage, host in keys]


@dataclass(frozen=True)
class Event:
    """One dated, sourced step: a sum reported, or an agreement reaching a stage."""

    date: str
    entry_key: str
    type: str
    partners: list[str]
    label: str
    url: str | None
    evidence: str


def timeline(entries: Sequence[Entry], evidence: Sequence[dict[str, Any]]) -> list[Event]:
    """Every entry's steps in date order: each agreement fact is a step of its entry;
    a commitment, pledge or target is one event on the day its chosen report appeared."""
    by_key = {e["key"]: e for e in entries}
    events = [_step(by_key[f["entry_key"]], f) for f in evidence if f["entry_key"] in by_key]
    return sorted((e for e in events if e is not None), key=lambda e: (e.date, e.entry_key))


def _step(entry: Entry, fact: dict[str, Any]) -> Event | None:
    if entry["type"] != "agreement" and fact["fact_key"] != entry["representative"]:
        return None
    date = (fact["date"] if entry["type"] == "agreement" else None) or fact["document_date"]
    if not date:
        return None
    partners = list(entry["funder"] or entry["parties"] or [entry["subject"]])
    return Event(
        date=str(date),
        entry_key=entry["key"],
        type=entry["type"],
        partners=[p for p in partners if p],
        label=_label(entry, fact),
        url=fact["document_url"],
        evidence=fact["evidence"],
    )


def _label(entry: Entry, fact: dict[str, Any]) -> str:
    if entry["type"] == "agreement":
        return f"{entry['kind']} agreement: {fact['stage'] or 'stage unstated'}"
    if entry["type"] == "commitment":
        status = entry["status"] or "status unstated"
        return f"{status} {entry['currency']} {number(entry['amount'])}"
    if entry["type"] == "gdp_pledge":
        return f"pledge of {entry['share_pct']}% of GDP ({entry['period']})"
    return f"target: {entry['metric']} {number(entry['value'])} {entry['unit'] or ''}".rstrip()


def as_dicts(items: Sequence[Any]) -> list[dict[str, Any]]:
    return [asdict(item) for item in items]
