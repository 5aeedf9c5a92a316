"""Facts into ledger entries: one entry per real deal, pledge, agreement or target.

Reports of one thing are joined by the rules in `matching` (and by analysts' merges); each
join keeps its reason. An entry shows the figure of one chosen report: a fact an analyst
confirmed or corrected; else, where its reports disagree (an open conflict), the latest;
else the first. Figures are never averaged. Running totals are settled in `totals`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coprod.reconcile import matching
from coprod.reconcile.currency import Conversion, convert, day
from coprod.reconcile.decisions import Standing, corrected
from coprod.reconcile.fields import CONFLICTS, FIELDS
from coprod.reconcile.matching import Row

FIRST = "first report"
COUNTED_STATUSES = ("pledged", "allocated", "delivered")  # pledged or further along


@dataclass
class Member:
    """A fact inside an entry: why it joined, and its own conversion."""

    row: Row
    reason: str
    fx: Conversion


@dataclass
class Entry:
    key: str  # the fact key of its earliest-stored fact: stable as reports arrive
    type: str
    members: list[Member]
    representative: Row
    fields: dict[str, Any]  # the entry's fields, as the `entries` table names them
    conflict: str | None = None
    decided: bool = False
    superseded_by: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def counted(self) -> bool:
        return (
            self.type == "commitment"
            and self.superseded_by is None
            and self.fields.get("status") in COUNTED_STATUSES
        )


class _Clusters:
    """Union-find over facts that keeps, per cluster, what a rule must not stretch: the
    span of its report dates and the companies it names. Every join keeps its reason."""

    def __init__(self, rows: list[Row]) -> None:
        self.parent = list(range(len(rows)))
        self.edges: list[tuple[int, int, str]] = []
        days = [day(r["document_date"]) for r in rows]
        self.span: dict[int, tuple[date, date] | None] = {
            i: (d, d) if d else None for i, d in enumerate(days)
        }
        self.companies = {i: _company_set(r) for i, r in enumerate(rows)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def fits(self, i: int, j: int, days: int | None) -> bool:
        """Joining keeps every report within `days` of every other (None: no limit) and
        never puts two different named companies' deals together."""
        a, b = self.find(i), self.find(j)
        mine, theirs = self.companies[a], self.companies[b]
        if mine and theirs and not mine & theirs:
            return False
        if days is None or self.span[a] is None or self.span[b] is None:
            return True
        first = min(self.span[a][0], self.span[b][0])  # type: ignore[index]
        last = max(self.span[a][1], self.span[b][1])  # type: ignore[index]
        return (last - first).days <= days

    def join(self, i: int, j: int, reason: str) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        root, other = min(a, b), max(a, b)
        self.parent[other] = root
        self.edges.append((i, j, reason))
        self.companies[root] = self.companies[root] | self.companies[other]
        spans = [s for s in (self.span[root], self.span[other]) if s is not None]
        if spans:
            self.span[root] = (min(s[0] for s in spans), max(s[1] for s in spans))

    def reasons(self) -> dict[int, str]:
        """Why each fact is where it is: the first join that touched it."""
        out: dict[int, str] = {}
        for i, j, reason in self.edges:
            out.setdefault(j, reason)
            out.setdefault(i, reason)
        return out

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return list(out.values())


def _company_set(row: Row) -> frozenset[str]:
    return frozenset(c.casefold() for c in row.get("companies") or [])


def build_entries(rows: Sequence[Row], state: Standing) -> list[Entry]:
    """Every fact not rejected, corrected as analysts said, in one entry of its type.

    Entries are found with each fact's corrected fields but its figure as the text gave
    it: correcting a figure (a typo, a misread scale) changes what the entry shows, not
    which entry the report belongs to; correcting who or what it is can move it.
    """
    pairs = [_match_and_shown(r, state) for r in rows if r["fact_key"] not in state.rejected]
    pairs.sort(key=lambda pair: _chronological(pair[1]))
    out: list[Entry] = []
    for fact_type, rule in RULES.items():
        of_type = [pair for pair in pairs if pair[1]["type"] == fact_type]
        out += _entries([m for m, _ in of_type], [s for _, s in of_type], rule, state)
    return out


FIGURE_FIELDS = ("amount", "currency", "alt", "qualifier")


def _match_and_shown(row: Row, state: Standing) -> tuple[Row, Row]:
    shown = with_conversion(corrected(row, state))
    changed = state.corrections.get(row["fact_key"], {})
    if not any(name in changed for name in FIGURE_FIELDS):
        return shown, shown
    as_written = {name: row[name] for name in FIGURE_FIELDS if name in row}
    return with_conversion(shown | as_written), shown


def with_conversion(row: Row) -> Row:
    """A commitment row with its EUR and USD at the ECB rate of its publication date."""
    if row["type"] != "commitment" or row["amount"] is None:
        return row | {"eur": None, "usd": None, "fx": Conversion(None, None)}
    fx = convert(float(row["amount"]), row["currency"], row["document_date"])
    return row | {"eur": fx.eur, "usd": fx.usd, "fx": fx}


def _chronological(row: Row) -> tuple[str, int]:
    return (row["document_date"] or "9999", int(row["id"]))


Rule = Callable[[Row, Row], str | None]


def _entries(
    rows: list[Row], shown: list[Row], rules: Sequence[Rule], state: Standing
) -> list[Entry]:
    """Cluster on `rows` (figures as written); build entries from `shown` (corrected)."""
    clusters = _Clusters(rows)
    index = {r["fact_key"]: i for i, r in enumerate(rows)}
    for bucket in _buckets(rows):
        _join_by_rules(clusters, rows, bucket, rules, state.split)
    for merge in state.merges:
        found = sorted(index[k] for k in merge.fact_keys if k in index)
        for j in found[1:]:
            clusters.join(found[0], j, f"merged by {merge.by}: {merge.why}")
    reasons = clusters.reasons()
    return [_entry([shown[i] for i in sorted(g)], g, reasons, state) for g in clusters.groups()]


def _buckets(rows: list[Row]) -> Iterable[list[int]]:
    """Facts that may be one thing share a bucket: same funders or parties, same type."""
    out: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        out[_bucket_key(row)].append(i)
    return out.values()


def _bucket_key(row: Row) -> tuple[str, ...]:
    codes = row.get("funder") or row.get("parties") or []
    return (row["type"], *sorted(codes))


def _join_by_rules(
    clusters: _Clusters, rows: list[Row], bucket: list[int], rules: Sequence[Rule], split: set[str]
) -> None:
    free = [i for i in bucket if rows[i]["fact_key"] not in split]
    days = {i: day(rows[i]["document_date"]) for i in free}
    window = matching.SAME_DEAL_DAYS if free and rows[free[0]]["type"] == "commitment" else None
    for i, j in _candidates(rows, free):
        if not _may_match(rows[i], rows[j], days[i], days[j]):
            continue
        reason = _first_reason(rules, rows[i], rows[j])
        if reason is not None and clusters.fits(i, j, window):
            clusters.join(i, j, reason)


def _candidates(rows: list[Row], free: list[int]) -> Iterable[tuple[int, int]]:
    """Pairs that a rule could join, earlier first. Commitments meet only where a figure
    or the package could match (neighbouring bins), so a large ledger is not compared
    pair by pair; the other types are few per bucket and meet all."""
    if not free or rows[free[0]]["type"] != "commitment":
        yield from ((a, b) for n, a in enumerate(free) for b in free[n + 1 :])
        return
    bins: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for j in free:
        keys = matching.bins(rows[j])
        seen: set[int] = set()
        for key in keys:
            for near in matching.neighbours(key):
                seen.update(bins.get(near, ()))
        yield from ((i, j) for i in sorted(seen))
        for key in keys:
            bins[key].append(j)


def _may_match(a: Row, b: Row, day_a: date | None, day_b: date | None) -> bool:
    """A cheap test every commitment rule implies, run before the rules themselves."""
    if a["type"] != "commitment":
        return True
    apart = abs((day_a - day_b).days) if day_a and day_b else 0
    if apart > matching.SAME_DEAL_DAYS:
        return False
    mine, theirs = a["mechanism"], b["mechanism"]
    return (mine is None or theirs is None or mine == theirs) and bool(a["cumulative"]) == bool(
        b["cumulative"]
    )


def _first_reason(rules: Sequence[Rule], a: Row, b: Row) -> str | None:
    for rule in rules:
        reason = rule(a, b)
        if reason is not None:
            return reason
    return None


def _entry(rows: list[Row], group: list[int], reasons: dict[int, str], state: Standing) -> Entry:
    ordered = sorted(group)
    members = [
        Member(rows[n], FIRST if n == 0 else reasons.get(i, FIRST), _fx(rows[n]))
        for n, i in enumerate(ordered)
    ]
    decided = [m.row for m in members if m.row["fact_key"] in state.decided]
    conflict = None if decided else CONFLICTS[rows[0]["type"]](rows)
    representative = _representative(rows, decided, conflict)
    key = min(rows, key=lambda r: int(r["id"]))["fact_key"]
    entry = Entry(key, rows[0]["type"], members, representative, {}, conflict, bool(decided))
    entry.fields = FIELDS[entry.type](entry)
    return entry


def _fx(row: Row) -> Conversion:
    fx: Conversion = row.get("fx") or Conversion(None, None)
    return fx


def _representative(rows: list[Row], decided: list[Row], conflict: str | None) -> Row:
    """A decided fact; else in a conflict the latest report that states a figure (or
    the latest at all); else the first report."""
    if decided:
        return decided[-1]
    if not conflict:
        return rows[0]
    stated = [r for r in rows if r.get("amount") is not None] or rows
    return stated[-1]


# -- the rules of each type --------------------------------------------------------------


def _same_agreement(a: Row, b: Row) -> str | None:
    """One partner, one kind, the same companies (or none named): one agreement."""
    if sorted(a["parties"] or []) != sorted(b["parties"] or []) or a["kind"] != b["kind"]:
        return None
    mine = {c.casefold() for c in a["companies"] or []}
    theirs = {c.casefold() for c in b["companies"] or []}
    if mine and theirs and not mine & theirs:
        return None
    return f"same parties ({', '.join(sorted(a['parties']))}), kind {a['kind']}" + (
        f", company {sorted(mine & theirs)[0]}" if mine & theirs else ""
    )


def _same_pledge(a: Row, b: Row) -> str | None:
    if sorted(a["funder"] or []) != sorted(b["funder"] or []) or not a["funder"]:
        return None
    if a["period"] != b["period"]:
        return None
    return f"same funder ({', '.join(a['funder'])}), {a['period']} pledge"


def _same_target(a: Row, b: Row) -> str | None:
    keys = ("subject", "metric", "unit", "mechanism", "year")
    if any(a[k] != b[k] for k in keys) or a["value"] is None or b["value"] is None:
        return None
    if not matching.close(float(a["value"]), float(b["value"]), matching.SAME_FIGURE):
        return None
    return f"same target ({a['metric']} {a['value']:,.0f} {a['unit'] or ''})".rstrip()


RULES: dict[str, Sequence[Rule]] = {
    "commitment": (matching.same_commitment, matching.revision),
    "gdp_pledge": (_same_pledge,),
    "agreement": (_same_agreement,),
    "target": (_same_target,),
}
