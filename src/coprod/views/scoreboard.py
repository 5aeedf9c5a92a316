"""Where each partner stands: its counted money in EUR and USD, and as a share of its GDP.

A partner's `eur` and `usd` add up its distinct ledger entries that are pledged or further
along and that it funds alone, each once, a running total never beside the sums it
contains (see `coprod.reconcile`). A sum funded jointly is not split (the text does not say
how): it is shown as `joint_eur`, apart. A figure in a currency the ECB does not publish is
listed under `unconverted`, never converted by a guessed rate.

`gdp_share_pct` is the partner's counted money of one year (`share_year`: the latest year
it has counted money for) in USD as a share of its GDP (current US$, World Bank WDI
NY.GDP.MKTP.CD) of `gdp_year` (that year, or the latest published before it): a share of a
year, comparable with the 0.25%-of-GDP-a-year goal Ukraine asks of partners. `years`
gives the same share for every year. A sum's year is the year the text gives, else the
year it was reported. Ukraine's own spending (funder UKR) is not a partner's: it is
`ukraine`, apart from the partner rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from coprod.model import MECHANISMS
from coprod.reconcile.entries import COUNTED_STATUSES
from coprod.reconcile.gdp import GdpFigure, GdpTable, shipped, shipped_meta
from coprod.reconcile.totals import year_of
from coprod.store import Store

GOAL_PCT = 0.25  # the share of GDP a year Ukraine asks each partner to give its industry
HOME = "UKR"  # Ukraine's own spending: shown apart, never set against the partners' goal
GDP_CODES = {"EU": "EUU"}  # organisations with a World Bank aggregate of their own
Entry = dict[str, Any]  # one row of the `entries` table


@dataclass
class YearShare:
    year: int
    eur: float
    usd: float
    gdp_usd: float | None = None
    gdp_year: int | None = None
    share_pct: float | None = None


@dataclass
class Unconverted:
    key: str
    amount: float | None
    currency: str | None
    note: str | None


@dataclass
class ScoreRow:
    partner: str
    eur: float = 0.0
    usd: float = 0.0
    entries: int = 0  # counted entries
    by_mechanism: dict[str, float] = field(default_factory=dict)  # EUR
    by_status: dict[str, float] = field(default_factory=dict)  # EUR
    joint_eur: float = 0.0
    joint_usd: float = 0.0
    joint_entries: int = 0
    unconverted: list[Unconverted] = field(default_factory=list)
    years: list[YearShare] = field(default_factory=list)
    gdp_usd: float | None = None
    gdp_year: int | None = None
    gdp_share_pct: float | None = None
    share_year: int | None = None  # the year whose money `gdp_share_pct` measures
    goal_pct: float = GOAL_PCT
    gdp_pledge_pct: float | None = None  # a pledge of a share of GDP it made, if any
    conflicts: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Scoreboard:
    rows: list[ScoreRow]
    gdp_source: dict[str, str]
    goal_pct: float = GOAL_PCT
    ukraine: ScoreRow | None = None  # Ukraine's own spending, apart from the partners

    def as_dict(self) -> dict[str, Any]:
        return {
            "goal_pct": self.goal_pct,
            "gdp_source": self.gdp_source,
            "partners": [r.as_dict() for r in self.rows],
            "ukraine": self.ukraine.as_dict() if self.ukraine else None,
        }


def gdp_table(store: Store) -> GdpTable:
    """The shipped World Bank table, overridden by any figures loaded into the ledger."""
    loaded = [
        GdpFigure(r["iso3"], int(r["year"]), float(r["gdp_usd"]), r["source"])
        for r in store.gdp_rows()
    ]
    return GdpTable([*shipped(), *loaded])


def build_scoreboard(store: Store) -> Scoreboard:
    return scoreboard(store.entries(), gdp_table(store), _gdp_source(store))


def scoreboard(entries: Sequence[Entry], table: GdpTable, source: dict[str, str]) -> Scoreboard:
    rows: dict[str, ScoreRow] = {}

    def row(code: str) -> ScoreRow:
        return rows.setdefault(code, ScoreRow(code))

    for entry in entries:
        _add(entry, row)
    home = rows.pop(HOME, None)
    for code, r in rows.items():
        _shares(r, table, GDP_CODES.get(code, code))
    ordered = sorted(rows.values(), key=lambda r: (-r.eur, -r.joint_eur, r.partner))
    return Scoreboard(ordered, source, ukraine=home)


def _add(entry: Entry, row: Any) -> None:
    touching = entry["funder"] or entry["parties"] or []
    if entry["conflict"]:
        for code in touching:
            if code != HOME or entry["type"] == "commitment":
                row(code).conflicts += 1
    if entry["type"] == "gdp_pledge" and len(entry["funder"] or []) == 1:
        row(entry["funder"][0]).gdp_pledge_pct = entry["share_pct"]
    if entry["type"] != "commitment" or not entry["funder"]:
        return
    for code in entry["funder"]:
        row(code)  # every funder has a row, even one whose sums are not yet counted
    if not entry["counted"]:
        return
    if len(entry["funder"]) > 1:
        for code in entry["funder"]:
            _add_joint(row(code), entry)
        return
    _add_sole(row(entry["funder"][0]), entry)


def _add_joint(r: ScoreRow, entry: Entry) -> None:
    r.joint_entries += 1
    if entry["eur"] is None or entry["usd"] is None:
        r.unconverted.append(_unconverted(entry))
        return
    r.joint_eur += entry["eur"]
    r.joint_usd += entry["usd"]


def _add_sole(r: ScoreRow, entry: Entry) -> None:
    r.entries += 1
    if entry["eur"] is None or entry["usd"] is None:
        r.unconverted.append(_unconverted(entry))
        return
    eur, usd = float(entry["eur"]), float(entry["usd"])
    r.eur += eur
    r.usd += usd
    mechanism = entry["mechanism"] or "unstated"
    r.by_mechanism[mechanism] = r.by_mechanism.get(mechanism, 0.0) + eur
    r.by_status[entry["status"]] = r.by_status.get(entry["status"], 0.0) + eur
    share = _year(r, year_of(entry))
    share.eur += eur
    share.usd += usd


def _unconverted(entry: Entry) -> Unconverted:
    return Unconverted(entry["key"], entry["amount"], entry["currency"], entry["fx_note"])


def _year(r: ScoreRow, year: int | None) -> YearShare:
    """The row's share for `year` (0: a sum with no year), made when first needed."""
    key = year or 0
    found = next((s for s in r.years if s.year == key), None)
    if found is None:
        found = YearShare(key, 0.0, 0.0)
        r.years.append(found)
        r.years.sort(key=lambda s: s.year)
    return found


def _shares(r: ScoreRow, table: GdpTable, code: str) -> None:
    for share in r.years:
        figure = table.lookup(code, share.year) if share.year else None
        if figure is not None and figure.gdp_usd > 0:
            share.gdp_usd, share.gdp_year = figure.gdp_usd, figure.year
            share.share_pct = 100 * share.usd / figure.gdp_usd
    shared = [s for s in r.years if s.share_pct is not None]
    if shared:
        latest = shared[-1]
        r.gdp_usd, r.gdp_year, r.share_year = latest.gdp_usd, latest.gdp_year, latest.year
        r.gdp_share_pct = latest.share_pct


def _gdp_source(store: Store) -> dict[str, str]:
    meta = shipped_meta()
    loaded = sorted({r["source"] for r in store.gdp_rows()})
    out = {k: str(v) for k, v in meta.items() if k in ("indicator", "name", "source", "vintage")}
    if loaded:
        out["loaded"] = "; ".join(loaded)
    return out


def as_rows(board: Scoreboard) -> list[dict[str, Any]]:
    """Flat rows for tables and exports: one per partner, no nested values."""
    out = []
    for r in board.rows:
        flat = {
            "partner": r.partner,
            "eur": r.eur,
            "usd": r.usd,
            "gdp_share_pct": r.gdp_share_pct,
            "share_year": r.share_year,
            "gdp_year": r.gdp_year,
            "gdp_usd": r.gdp_usd,
            "goal_pct": r.goal_pct,
            "entries": r.entries,
            "joint_eur": r.joint_eur,
            "unconverted": len(r.unconverted),
            "conflicts": r.conflicts,
        }
        mechanisms = {f"eur_{m}": r.by_mechanism.get(m, 0.0) for m in (*MECHANISMS, "unstated")}
        statuses = {f"eur_{s}": r.by_status.get(s, 0.0) for s in COUNTED_STATUSES}
        out.append(flat | mechanisms | statuses)
    return out
