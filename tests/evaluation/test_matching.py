from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.evaluation.matching import assign, figures_agree, match_pairs, matches
from tests.evaluation.facts import agreement, commitment, gdp_pledge, target


@pytest.mark.parametrize(
    ("predicted", "gold", "agree"),
    [
        (1000, 1000, True),
        (1005, 1000, True),  # +0.5% exactly
        (995, 1000, True),  # -0.5% exactly
        (1006, 1000, False),  # +0.6%
        (994, 1000, False),  # -0.6%
        (1005.02, 1000, False),  # 0.502% of the gold figure...
        (1000, 1005.02, True),  # ...but under 0.5% of this one: the gold figure is the base
        (0, 0, True),
        (None, 1000, False),
        (1000, None, False),
        (True, 1, False),
        ("1000", 1000, False),
        (float("nan"), 1000, False),
    ],
)
def test_figures_agree_within_half_a_percent_of_gold(
    predicted: object, gold: object, agree: bool
) -> None:
    assert figures_agree(predicted, gold) is agree


def test_commitment_matches_on_funder_set_amount_and_currency() -> None:
    gold = commitment(("DNK", "NOR"), 178_000_000, "EUR")
    assert matches(commitment(("NOR", "DNK"), 178_500_000, "EUR"), gold)
    assert not matches(commitment(("DNK",), 178_000_000, "EUR"), gold)
    assert not matches(commitment(("DNK", "NOR"), 178_000_000, "USD"), gold)
    assert not matches(commitment(("DNK", "NOR"), 180_000_000, "EUR"), gold)
    assert matches(commitment((), 1e6), commitment((), 1e6))


def test_commitment_matches_gold_alt_figure_but_not_predicted_alt() -> None:
    gold = commitment(amount=20_000_000, currency="EUR", alt=[[21_000_000, "USD"]])
    assert matches(commitment(amount=21_050_000, currency="USD"), gold)
    assert not matches(commitment(amount=20_000_000, currency="USD"), gold)
    predicted_alt = commitment(amount=25_000_000, currency="EUR", alt=[[20_000_000, "EUR"]])
    assert not matches(predicted_alt, commitment(amount=20_000_000, currency="EUR"))


def test_attributes_do_not_decide_a_match() -> None:
    gold = commitment(mechanism="fund", status="pledged", cumulative=True)
    assert matches(commitment(mechanism="loan", status="planned", cumulative=False), gold)
    assert matches(agreement(stage=None, host=None, date=None), agreement())


def test_gdp_pledge_matches_on_funder_and_share() -> None:
    assert matches(gdp_pledge(("LTU",), 0.25), gdp_pledge(("LTU",), 0.25))
    assert not matches(gdp_pledge(("LTU",), 0.3), gdp_pledge(("LTU",), 0.25))
    assert not matches(gdp_pledge(("LVA",), 0.25), gdp_pledge(("LTU",), 0.25))


def test_agreement_matches_on_party_set_and_kind() -> None:
    assert matches(agreement(("UKR", "DNK"), "coproduction"), agreement(("DNK", "UKR")))
    assert not matches(agreement(("DNK", "UKR"), "security"), agreement(("DNK", "UKR")))
    assert not matches(agreement(("NOR", "UKR")), agreement(("DNK", "UKR")))


def test_target_matches_on_metric_and_value() -> None:
    assert matches(target("projects", 21), target("projects", 21))
    assert matches(target("funding", 1.004e9), target("funding", 1e9))
    assert not matches(target("funding", 1.01e9), target("funding", 1e9))
    assert not matches(target("projects", 1e9), target("funding", 1e9))


def test_facts_of_different_types_never_match() -> None:
    assert not matches(gdp_pledge(("LTU",), 0.25), commitment(("LTU",), 0.25))


def test_each_gold_fact_is_matched_at_most_once() -> None:
    assert match_pairs([commitment(), commitment()], [commitment()]) == [(0, 0)]


def test_matching_is_maximum_not_greedy() -> None:
    # 1004 agrees with both gold figures, 1000 only with the first: a greedy pass that
    # gives the first gold fact to 1004 would leave 1000 unmatched.
    preds = [commitment(amount=1004), commitment(amount=1000)]
    golds = [commitment(amount=1000), commitment(amount=1009)]
    assert sorted(match_pairs(preds, golds)) == [(0, 1), (1, 0)]


def test_matching_prefers_pairs_whose_attributes_agree() -> None:
    golds = [commitment(status="pledged"), commitment(status="allocated")]
    assert match_pairs([commitment(status="allocated")], golds) == [(0, 1)]
    deals = [agreement(stage="planned"), agreement(stage="signed")]
    assert match_pairs([agreement(stage="signed")], deals) == [(0, 1)]


def test_no_pairs_without_facts() -> None:
    assert match_pairs([], [commitment()]) == []
    assert match_pairs([commitment()], []) == []


def _brute_force_best(weights: list[list[int]]) -> int:
    rows, cols = len(weights), len(weights[0])
    if rows <= cols:
        choices = itertools.permutations(range(cols), rows)
        return max(sum(weights[i][j] for i, j in enumerate(c)) for c in choices)
    choices = itertools.permutations(range(rows), cols)
    return max(sum(weights[i][j] for j, i in enumerate(c)) for c in choices)


shapes = st.tuples(st.integers(1, 5), st.integers(1, 5))
matrices = shapes.flatmap(
    lambda shape: st.lists(
        st.lists(st.integers(0, 50), min_size=shape[1], max_size=shape[1]),
        min_size=shape[0],
        max_size=shape[0],
    )
)


@given(matrices)
def test_assign_finds_the_heaviest_assignment(weights: list[list[int]]) -> None:
    pairs = assign(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert len(pairs) == min(len(weights), len(weights[0]))
    assert sum(weights[i][j] for i, j in pairs) == _brute_force_best(weights)
