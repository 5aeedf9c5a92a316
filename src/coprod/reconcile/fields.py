"""What an entry shows: its fields from its reports, and the conflicts among them.

Built once the reports of one thing are grouped (`entries`): the chosen report's figure,
the most advanced status or stage reported, the first stated mechanism, host or year, the
span of report dates, every source URL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from coprod.model import STAGES, STATUSES
from coprod.reconcile import matching
from coprod.reconcile.currency import Conversion
from coprod.reconcile.matching import Row

if TYPE_CHECKING:
    from coprod.reconcile.entries import Entry


# -- conflicts -------------------------------------------------------------------------


def _figure_conflict(rows: list[Row]) -> str | None:
    """Reports of one commitment whose figures do not agree, named with their dates."""
    first = rows[0]
    for other in rows[1:]:
        if matching.same_figure(first, other) is None:
            return (
                f"figures disagree: {matching.figure_text(first)} ({first['document_date']}) "
                f"vs {matching.figure_text(other)} ({other['document_date']})"
            )
    return None


def _field_conflict(name: str) -> Callable[[list[Row]], str | None]:
    def conflict(rows: list[Row]) -> str | None:
        values = sorted({str(r[name]) for r in rows if r[name] is not None})
        return f"{name} disagrees: {' vs '.join(values)}" if len(values) > 1 else None

    return conflict


# -- entry fields ----------------------------------------------------------------------


def _commitment_fields(entry: Entry) -> dict[str, Any]:
    rep, rows = entry.representative, [m.row for m in entry.members]
    fx: Conversion = rep["fx"]
    return _common(entry) | {
        "funder": sorted(rep["funder"] or []),
        "mechanism": _first_stated(rep, rows, "mechanism"),
        "categories": rep["categories"] or _first_stated(rep, rows, "categories") or [],
        "status": rep["status"] if entry.decided else _most_advanced(rows, "status", STATUSES),
        "cumulative": bool(rep["cumulative"]),
        "year": _first_stated(rep, rows, "year"),
        "qualifier": rep["qualifier"],
        "amount": rep["amount"],
        "currency": rep["currency"],
        "date": rep["document_date"],
        "fx_date": fx.rate_date,
        "eur_rate": fx.eur_rate,
        "usd_rate": fx.usd_rate,
        "eur": fx.eur,
        "usd": fx.usd,
        "fx_note": fx.note,
    }


def _agreement_fields(entry: Entry) -> dict[str, Any]:
    rep, rows = entry.representative, [m.row for m in entry.members]
    stage = rep["stage"] if entry.decided else _most_advanced(rows, "stage", STAGES)
    reached = [r for r in rows if r["stage"] == stage] or [rep]
    return _common(entry) | {
        "parties": sorted(rep["parties"] or []),
        "kind": rep["kind"],
        "stage": stage,
        "host": _first_stated(rep, rows, "host"),
        "companies": _union(rows, "companies"),
        "categories": _union(rows, "categories"),
        "date": step_date(reached[0]),
    }


def _gdp_pledge_fields(entry: Entry) -> dict[str, Any]:
    rep = entry.representative
    return _common(entry) | {
        "funder": sorted(rep["funder"] or []),
        "share_pct": rep["share_pct"],
        "period": rep["period"],
        "date": rep["document_date"],
    }


def _target_fields(entry: Entry) -> dict[str, Any]:
    rep = entry.representative
    names = ("subject", "metric", "value", "unit", "qualifier", "mechanism", "year")
    return _common(entry) | {n: rep[n] for n in names} | {"date": rep["document_date"]}


def _common(entry: Entry) -> dict[str, Any]:
    rows = [m.row for m in entry.members]
    dates = sorted(r["document_date"] for r in rows if r["document_date"])
    urls = list(dict.fromkeys(r["document_url"] for r in rows if r["document_url"]))
    return {
        "first_reported": dates[0] if dates else None,
        "last_reported": dates[-1] if dates else None,
        "n_documents": len({r["document_sha"] for r in rows}),
        "urls": urls,
    }


def step_date(row: Row) -> str | None:
    """When an agreement's step happened: the date the text gives, else publication."""
    day: str | None = row.get("date") or row["document_date"]
    return day


def _first_stated(rep: Row, rows: list[Row], name: str) -> Any:
    if rep[name] not in (None, []):
        return rep[name]
    return next((r[name] for r in rows if r[name] not in (None, [])), None)


def _most_advanced(rows: list[Row], name: str, order: Sequence[str]) -> str | None:
    stated = [r[name] for r in rows if r[name] in order]
    return max(stated, key=order.index) if stated else None


def _union(rows: list[Row], name: str) -> list[str]:
    return list(dict.fromkeys(v for r in rows for v in r[name] or []))


CONFLICTS: dict[str, Callable[[list[Row]], str | None]] = {
    "commitment": _figure_conflict,
    "gdp_pledge": _field_conflict("share_pct"),
    "agreement": _field_conflict("host"),
    "target": lambda rows: None,
}
FIELDS: dict[str, Callable[[Entry], dict[str, Any]]] = {
    "commitment": _commitment_fields,
    "gdp_pledge": _gdp_pledge_fields,
    "agreement": _agreement_fields,
    "target": _target_fields,
}
