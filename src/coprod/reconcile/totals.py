"""Running totals: a stated total supersedes the sums it contains instead of adding to them.

For each funder (or group of joint funders) and mechanism, the latest running total
("has so far provided €538 million") supersedes the earlier running totals and the single
sums reported on or before it; a sum reported after it adds to it. A total that names a
year ("in 2025 … so far") contains only that year's sums. When the sums it should contain
add up to more than the total, the total is flagged for review: the stated total still
counts (never a sum the text did not state).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from coprod.reconcile.entries import Entry
from coprod.reconcile.matching import SAME_FIGURE

Group = tuple[tuple[str, ...], str | None]  # (funders, mechanism)


def settle_running_totals(entries: Sequence[Entry]) -> None:
    """Mark each contained entry `superseded_by` its running total, in place."""
    for members in _groups(entries).values():
        totals = sorted((e for e in members if e.fields["cumulative"]), key=_when)
        if not totals:
            continue
        latest = totals[-1]
        for entry in members:
            if entry is not latest and _contains(latest, entry):
                entry.superseded_by = latest.key
        _check_parts(latest, [e for e in members if e.superseded_by == latest.key])


def _groups(entries: Sequence[Entry]) -> dict[Group, list[Entry]]:
    out: dict[Group, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.type == "commitment" and entry.fields["funder"]:
            out[(tuple(entry.fields["funder"]), entry.fields["mechanism"])].append(entry)
    return out


def _when(entry: Entry) -> tuple[str, str]:
    return (entry.fields["date"] or "", entry.key)


def _contains(total: Entry, entry: Entry) -> bool:
    if (entry.fields["date"] or "") > (total.fields["date"] or ""):
        return False  # reported after the total: it adds to it
    year = total.fields["year"]
    return year is None or _year_of(entry) == year


def _year_of(entry: Entry) -> int | None:
    if entry.fields["year"] is not None:
        return int(entry.fields["year"])
    date = entry.fields["date"]
    return int(date[:4]) if date else None


def _check_parts(total: Entry, parts: list[Entry]) -> None:
    singles = [p for p in parts if not p.fields["cumulative"] and p.fields["eur"] is not None]
    inside = sum(p.fields["eur"] for p in singles)
    stated = total.fields["eur"]
    if stated is not None and inside > stated * (1 + SAME_FIGURE) and total.conflict is None:
        total.conflict = (
            f"the {len(singles)} sums this running total should contain add up to "
            f"EUR {inside:,.0f}, more than its EUR {stated:,.0f}"
        )
