"""Running totals: a stated total supersedes the sums it contains instead of adding to them.

For each funder (or group of joint funders) and mechanism, a running total ("has so far
provided €538 million") contains the single sums and the earlier running totals reported
on or before it; a sum reported after it adds to it. A total of military aid in general
(mechanism `other` or unstated) contains the funder's sums of every mechanism. A total
that names a year ("in 2025 … so far") contains only that year's sums and totals; it never
contains a total without a year. Each contained entry is superseded by the latest total
that contains it. Two totals that still both count although one may hold part of the
other (an all-time total, then a later total for one year) are flagged for review, as is
a total smaller than the sums it contains: the stated totals still count (never a sum
the text did not state). A sum without a date is never assumed to be inside a total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from coprod.reconcile.entries import Entry
from coprod.reconcile.matching import SAME_FIGURE

GENERAL = ("other", None)  # a total of military aid in general covers every mechanism


def settle_running_totals(entries: Sequence[Entry]) -> None:
    """Mark each contained entry `superseded_by` its latest containing total, in place.

    Linear in the entries: of the totals of one kind (mechanism, year) only the latest can
    be the latest to contain anything, so each entry looks at no more than four totals.
    """
    for members in _by_funders(entries).values():
        totals = sorted((e for e in members if e.fields["cumulative"]), key=_when)
        if not totals:
            continue
        latest = {_kind(t): t for t in totals}  # in date order: the last one stays
        parts: dict[str, list[Entry]] = defaultdict(list)
        for entry in members:
            holders = [latest.get(kind) for kind in _holding_kinds(entry)]
            found = [t for t in holders if t is not None and t is not entry and _contains(t, entry)]
            if found:
                entry.superseded_by = max(found, key=_when).key
                parts[entry.superseded_by].append(entry)
        for total in totals:
            _check_parts(total, parts.get(total.key, []))
        _check_overlaps([t for t in totals if t.superseded_by is None])


def _kind(total: Entry) -> tuple[str | None, int | None]:
    mechanism = total.fields["mechanism"]
    return ("*" if mechanism in GENERAL else mechanism, total.fields["year"])


def _holding_kinds(entry: Entry) -> list[tuple[str | None, int | None]]:
    """The kinds of total that could contain `entry`: its mechanism's or a general one,
    all-time or of its year."""
    mechanism = entry.fields["mechanism"]
    mechanisms = ["*"] if mechanism in GENERAL else [mechanism, "*"]
    year = entry.fields["year"] if entry.fields["cumulative"] else year_of(entry.fields)
    years: list[int | None] = [None] if year is None else [None, year]
    return [(m, y) for m in mechanisms for y in years]


def year_of(fields: dict[str, object]) -> int | None:
    """The year a sum is for: the year the text gives, else the year it was reported."""
    if fields.get("year") is not None:
        return int(str(fields["year"]))
    date = fields.get("date")
    return int(str(date)[:4]) if date else None


def _by_funders(entries: Sequence[Entry]) -> dict[tuple[str, ...], list[Entry]]:
    out: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.type == "commitment" and entry.fields["funder"]:
            out[tuple(entry.fields["funder"])].append(entry)
    return out


def _when(entry: Entry) -> tuple[str, str]:
    return (entry.fields["date"] or "", entry.key)


def _contains(total: Entry, entry: Entry) -> bool:
    mechanism = total.fields["mechanism"]
    if mechanism not in GENERAL and entry.fields["mechanism"] != mechanism:
        return False
    if not entry.fields["date"] or not total.fields["date"]:
        return False  # without dates, nothing says which came first
    if entry.fields["date"] > total.fields["date"]:
        return False  # reported after the total: it adds to it
    year: int | None = total.fields["year"]
    if year is None:
        return True  # an all-time total holds every earlier sum and total
    if entry.fields["cumulative"]:
        return bool(entry.fields["year"] == year)  # only an earlier total of its year
    return year_of(entry.fields) == year


def _check_parts(total: Entry, parts: list[Entry]) -> None:
    singles = [p for p in parts if not p.fields["cumulative"] and p.fields["eur"] is not None]
    inside = sum(p.fields["eur"] for p in singles)
    stated = total.fields["eur"]
    if stated is not None and inside > stated * (1 + SAME_FIGURE) and total.conflict is None:
        total.conflict = (
            f"the {len(singles)} sums this running total should contain add up to "
            f"EUR {inside:,.0f}, more than its EUR {stated:,.0f}"
        )


def _may_hold(earlier: Entry, later: Entry) -> bool:
    """`earlier`, an all-time total, may hold sums that `later` counts too."""
    if earlier.fields["year"] is not None or _when(earlier) >= _when(later):
        return False
    mechanism = earlier.fields["mechanism"]
    return mechanism in GENERAL or mechanism == later.fields["mechanism"]


def _check_overlaps(standing: list[Entry]) -> None:
    """An all-time total and a later total that both still count may overlap."""
    for later in standing:
        earlier = [t for t in standing if t is not later and _may_hold(t, later)]
        if earlier and later.conflict is None:
            later.conflict = (
                f"may overlap the running total {earlier[-1].key[:8]} "
                f"({earlier[-1].fields['date']}): both are counted"
            )
