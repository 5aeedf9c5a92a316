"""When a predicted fact matches a gold one, and the best pairing of a document's facts.

The match rules are GUIDELINE.md's: a commitment on its funder set and its amount and
currency (against the gold figure or one of its `alt` conversions), a GDP pledge on funder
set and share, an agreement on its parties and kind, a target on metric and value. Figures
agree within TOLERANCE of the gold figure.

Pairing is an exact maximum-weight assignment (the Hungarian algorithm): first as many
pairs as possible, then as many agreeing attributes as possible. Weights are written in
base `n + 1`, one digit per attribute, so the best total fixes how many pairs agree on
each attribute: the scores do not depend on the order facts are listed in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

FactDict = Mapping[str, Any]
Rule = Callable[[FactDict, FactDict], bool]

TOLERANCE = 0.005  # GUIDELINE: figures agree "within 0.5%" of the gold figure

# The attributes whose accuracy is reported over matched pairs, most preferred first.
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "commitment": ("mechanism", "status", "cumulative"),
    "agreement": ("stage", "host", "date"),
}

# The fields each type's match rule compares (shown beside a miss).
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "commitment": ("funder", "amount", "currency"),
    "gdp_pledge": ("funder", "share_pct"),
    "agreement": ("parties", "kind"),
    "target": ("metric", "value"),
}


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def figures_agree(predicted: Any, gold: Any) -> bool:
    """True when `predicted` is within TOLERANCE of `gold` (relative to the gold figure)."""
    p, g = _number(predicted), _number(gold)
    if p is None or g is None:
        return False
    return abs(p - g) <= TOLERANCE * abs(g) * (1 + 1e-9)  # slack: 0.5% exactly still agrees


def _codes(fact: FactDict, name: str) -> frozenset[str]:
    value = fact.get(name) or ()
    return frozenset([value] if isinstance(value, str) else value)


def _money_agrees(pred: FactDict, gold: FactDict) -> bool:
    """The predicted amount and currency against the gold figure or one of its `alt`s."""
    figures = [(gold.get("amount"), gold.get("currency")), *(gold.get("alt") or ())]
    return any(
        len(figure) == 2
        and pred.get("currency") == figure[1]
        and figures_agree(pred.get("amount"), figure[0])
        for figure in figures
    )


def _commitment(pred: FactDict, gold: FactDict) -> bool:
    return _codes(pred, "funder") == _codes(gold, "funder") and _money_agrees(pred, gold)


def _gdp_pledge(pred: FactDict, gold: FactDict) -> bool:
    same_funder = _codes(pred, "funder") == _codes(gold, "funder")
    return same_funder and figures_agree(pred.get("share_pct"), gold.get("share_pct"))


def _agreement(pred: FactDict, gold: FactDict) -> bool:
    same_parties = _codes(pred, "parties") == _codes(gold, "parties")
    return same_parties and pred.get("kind") == gold.get("kind")


def _target(pred: FactDict, gold: FactDict) -> bool:
    same_metric = pred.get("metric") == gold.get("metric")
    return same_metric and figures_agree(pred.get("value"), gold.get("value"))


MATCH_RULES: dict[str, Rule] = {
    "commitment": _commitment,
    "gdp_pledge": _gdp_pledge,
    "agreement": _agreement,
    "target": _target,
}


def matches(pred: FactDict, gold: FactDict) -> bool:
    """True when the predicted fact matches the gold fact by its type's rule."""
    return pred["type"] == gold["type"] and MATCH_RULES[gold["type"]](pred, gold)


def _weight(pred: FactDict, gold: FactDict, base: int) -> int:
    """0 for no match; else, in base `base`, a leading 1 for the match and then one digit
    per attribute (most preferred first): 1 where the pair agrees on it, 0 where not."""
    if not matches(pred, gold):
        return 0
    weight = 1
    for name in ATTRIBUTES.get(gold["type"], ()):
        weight = weight * base + (pred.get(name) == gold.get(name))
    return weight


def match_pairs(preds: Sequence[FactDict], golds: Sequence[FactDict]) -> list[tuple[int, int]]:
    """A best pairing of predicted to gold facts of one type, as (pred, gold) indices."""
    base = max(len(preds), len(golds)) + 1
    weights = [[_weight(p, g, base) for g in golds] for p in preds]
    return [(i, j) for i, j in assign(weights) if weights[i][j] > 0]


def assign(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Rows paired with distinct columns so that the total weight is the largest possible."""
    if not weights or not weights[0]:
        return []
    if len(weights) > len(weights[0]):
        return [(i, j) for j, i in assign([list(column) for column in zip(*weights, strict=True)])]
    cost = [[-w for w in row] for row in weights]
    return list(enumerate(_Hungarian(cost).solve()))


class _Hungarian:
    """Minimum-cost assignment of n rows to m >= n columns, in O(n²m).

    The shortest-augmenting-path form with row and column potentials; indices are 1-based
    inside and column 0 is the slot of the row being seated. Costs are whole numbers well
    below 2**53, so float arithmetic is exact."""

    def __init__(self, cost: list[list[int]]) -> None:
        self.cost = cost
        self.u = [0.0] * (len(cost) + 1)
        self.v = [0.0] * (len(cost[0]) + 1)
        self.owner = [0] * (len(cost[0]) + 1)  # owner[j]: the row holding column j, 0: none

    def solve(self) -> list[int]:
        """The column of each row."""
        for row in range(1, len(self.u)):
            self._seat(row)
        result = [0] * len(self.cost)
        for column, row in enumerate(self.owner):
            if column and row:
                result[row - 1] = column - 1
        return result

    def _seat(self, row: int) -> None:
        """Give `row` a column, moving earlier rows along the cheapest augmenting path."""
        size = len(self.owner)
        self.slack, self.used, self.way = [math.inf] * size, [False] * size, [0] * size
        self.owner[0], column = row, 0
        while self.owner[column] != 0:
            self.used[column] = True
            column = self._grow(column)
        while column:
            previous = self.way[column]
            self.owner[column] = self.owner[previous]
            column = previous

    def _grow(self, j0: int) -> int:
        """Relax the edges of the row at column `j0`; return the next column to enter."""
        i0, delta, j1 = self.owner[j0], math.inf, 0
        for j in range(1, len(self.owner)):
            if not self.used[j]:
                reduced = self.cost[i0 - 1][j - 1] - self.u[i0] - self.v[j]
                if reduced < self.slack[j]:
                    self.slack[j], self.way[j] = reduced, j0
                if self.slack[j] < delta:
                    delta, j1 = self.slack[j], j
        for j in range(len(self.owner)):
            if self.used[j]:
                self.u[self.owner[j]] += delta
                self.v[j] -= delta
            else:
                self.slack[j] -= delta
        return j1
