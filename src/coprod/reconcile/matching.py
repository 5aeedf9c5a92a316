"""When two reports describe the same deal: the rules, each returning its reason or None.

A rule reads two fact rows (a fact's fields, its `document_*` source and its conversion)
and says why they are one ledger entry, in words an analyst can check, or returns None.
"""

from __future__ import annotations

import math
from typing import Any

from coprod.reconcile.currency import day

SAME_FIGURE = 0.005  # GUIDELINE's tolerance for one figure written twice (rounding)
SAME_VALUE = 0.03  # two currencies agree within this at the ECB rates of their days
SAME_DEAL_DAYS = 180  # reports of one deal cluster within months; a year later is news
REVISION_DAYS = 7  # a different figure for the same package within a week revises it
CONVERTED_DAYS = 30  # outlets convert a deal's figure while it is news, within weeks

Row = dict[str, Any]


def figures(row: Row) -> list[tuple[float, str]]:
    """The figure and every conversion the text gave beside it."""
    out = [(float(row["amount"]), str(row["currency"]))] if row["amount"] is not None else []
    return out + [(float(a), str(c)) for a, c in row["alt"] or []]


def figure_text(row: Row) -> str:
    return f"{row['currency'] or '?'} {row['amount']:,.0f}" if row["amount"] else "no figure"


def same_figure(a: Row, b: Row) -> str | None:
    """The same amount in one currency (alt figures count), or in two currencies that
    agree at the ECB rates of their days, reported at most CONVERTED_DAYS apart."""
    for x, cx in figures(a):
        for y, cy in figures(b):
            if cx == cy and close(x, y, SAME_FIGURE):
                return f"the same figure ({cx} {y:,.0f})"
    converted = a["eur"] is not None and b["eur"] is not None and a["currency"] != b["currency"]
    converted = converted and _within(a, b, CONVERTED_DAYS)
    if converted and close(a["eur"], b["eur"], SAME_VALUE):
        return (
            f"{figure_text(a)} and {figure_text(b)} agree within {SAME_VALUE:.0%} "
            "at the ECB rates of their days"
        )
    return None


def same_commitment(a: Row, b: Row) -> str | None:
    """Rule 1: the same funders, mechanism, categories, kind of sum (running total or
    not), year and figure, reported at most SAME_DEAL_DAYS apart."""
    if not _compatible(a, b) or not _within(a, b, SAME_DEAL_DAYS):
        return None
    figure = same_figure(a, b)
    if figure is None:
        return None
    return f"same funder ({', '.join(a['funder'])}), {figure}"


def revision(a: Row, b: Row) -> str | None:
    """Rule 2: the same funders, mechanism and named categories within REVISION_DAYS, with
    a different figure: one package whose figure was revised (a conflict to review)."""
    if a["cumulative"] or b["cumulative"] or not a["categories"] or not a["mechanism"]:
        return None
    if not figures(a) or not figures(b):
        return None  # a report with no figure neither revises nor is revised
    if (a["mechanism"], sorted(a["categories"])) != (b["mechanism"], sorted(b["categories"])):
        return None
    if not _compatible(a, b) or not _within(a, b, REVISION_DAYS):
        return None
    return (
        f"same funder ({', '.join(a['funder'])}), mechanism and categories within "
        f"{REVISION_DAYS} days, different figure: {figure_text(a)} vs {figure_text(b)}"
    )


def bins(row: Row) -> list[tuple[Any, ...]]:
    """Where a commitment sits for finding its matches: each figure on a log scale with
    SAME_FIGURE steps by SAME_DEAL_DAYS period, its EUR value with SAME_VALUE steps by
    CONVERTED_DAYS period; its package (mechanism, categories) by REVISION_DAYS week."""
    published = day(row["document_date"])
    period = published.toordinal() // SAME_DEAL_DAYS if published else None
    week = published.toordinal() // REVISION_DAYS if published else None
    out: list[tuple[Any, ...]] = [
        ("figure", currency, _step(amount, SAME_FIGURE), period)
        for amount, currency in figures(row)
        if amount > 0
    ]
    if row["eur"]:
        month = published.toordinal() // CONVERTED_DAYS if published else None
        out.append(("eur", _step(row["eur"], SAME_VALUE), month))
    out.append(("package", row["mechanism"], tuple(sorted(row["categories"] or [])), week))
    return out


def neighbours(key: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """The bin and those beside it in every numbered dimension, so values near a bin's
    edge still meet. An undated fact (period None) meets only its own bin's undated."""
    out: list[tuple[Any, ...]] = [()]
    for part in key:
        steps = [part - 1, part, part + 1] if type(part) is int else [part]
        out = [(*head, step) for head in out for step in steps]
    return out


def _step(value: float, tolerance: float) -> int:
    """Log-scale steps as wide as `close` allows (max/min up to 1/(1 - tolerance)), so
    two values it calls close sit in the same step or in neighbouring ones."""
    return math.floor(math.log(value) / -math.log1p(-tolerance))


def _compatible(a: Row, b: Row) -> bool:
    """Nothing the two reports state contradicts: unstated fields agree with anything."""
    if not a["funder"] or sorted(a["funder"]) != sorted(b["funder"] or []):
        return False
    if a["document_sha"] == b["document_sha"]:
        return False  # one document states one sum once (GUIDELINE): two facts, two sums
    return (
        _agree(a["mechanism"], b["mechanism"])
        and _agree(a["year"], b["year"])
        and bool(a["cumulative"]) == bool(b["cumulative"])
        and (not a["categories"] or not b["categories"] or _same(a["categories"], b["categories"]))
    )


def _agree(x: object, y: object) -> bool:
    return x is None or y is None or x == y


def _same(x: list[str], y: list[str]) -> bool:
    return sorted(x) == sorted(y)


def close(x: float, y: float, tolerance: float) -> bool:
    return abs(x - y) <= tolerance * max(abs(x), abs(y))


def _within(a: Row, b: Row, days: int) -> bool:
    """Published at most `days` apart. A report without a date joins only another
    without one: nothing says when it appeared."""
    first, second = day(a["document_date"]), day(b["document_date"])
    if first is None or second is None:
        return first is None and second is None
    return abs((first - second).days) <= days
