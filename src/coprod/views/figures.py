"""A fact in a few words, and its source in a few more: the labels every view shows.

Numbers appear as the text gave them (amount and currency, share, count), never
converted or rounded beyond thousands separators.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coprod.store import FactRow

QUALIFIER_WORDS = {"exact": "", "over": "over ", "up_to": "up to ", "about": "about "}
UNSTATED = "—"  # a field the text did not state


def figure(row: FactRow) -> str:
    """What the fact says, e.g. 'over EUR 20,000,000 (USD 21,000,000) · drones'."""
    return FIGURES[row["type"]](row)


def source(row: FactRow) -> str:
    """The source document by its title (else URL, else id), with its publication date."""
    name = row["document_title"] or row["document_url"] or row["document_id"]
    return f"{name} ({row['document_date']})" if row["document_date"] else str(name)


def shown(value: Any) -> str:
    """A key field as a cell: the value, or a dash where the text did not state it."""
    return UNSTATED if value is None or value == "" else str(value)


def number(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,}"


def money(amount: float | None, currency: str | None) -> str:
    return f"{currency or '?'} {number(amount)}"


def _commitment(row: FactRow) -> str:
    text = QUALIFIER_WORDS.get(row["qualifier"], "") + money(row["amount"], row["currency"])
    if row["alt"]:
        text += " (" + "; ".join(money(a, c) for a, c in row["alt"]) + ")"
    parts = [text, *(row["categories"] or [])]
    if row["cumulative"]:
        parts.append("running total")
    if row["year"] is not None:
        parts.append(f"for {row['year']}")
    if len(row["funder"] or []) > 1:
        parts.append("jointly by " + ", ".join(row["funder"]))
    return " · ".join(parts)


def _gdp_pledge(row: FactRow) -> str:
    return f"{row['share_pct']:g}% of GDP, {row['period'] or 'period unstated'}"


def _agreement(row: FactRow) -> str:
    parts = [row["kind"], "parties " + ", ".join(row["parties"] or [])]
    if row["date"]:
        parts.append(f"dated {row['date']}")
    parts += row["companies"] or []
    return " · ".join(parts)


def _target(row: FactRow) -> str:
    value = QUALIFIER_WORDS.get(row["qualifier"], "") + number(row["value"])
    parts = [f"{row['metric']}: {value} {row['unit'] or ''}".rstrip()]
    if row["mechanism"]:
        parts.append(row["mechanism"])
    if row["year"] is not None:
        parts.append(f"by {row['year']}")
    return " · ".join(parts)


FIGURES: dict[str, Callable[[FactRow], str]] = {
    "commitment": _commitment,
    "gdp_pledge": _gdp_pledge,
    "agreement": _agreement,
    "target": _target,
}
