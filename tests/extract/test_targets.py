"""Targets and GDP pledges (coprod.extract.targets via extract_facts)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.extract.lexicon import COUNTRIES, NOT_PARTNERS
from coprod.model import Commitment, GdpPledge, Target
from tests.extract.support import PUB, QUICK, facts_of, only


def test_a_funder_pledging_a_share_of_its_gdp_is_a_gdp_pledge() -> None:
    text = "Lithuania pledged 0.25% of its GDP to Ukraine's defence industry."
    pledge = only(GdpPledge, text)
    assert (pledge.funder, pledge.share_pct, pledge.period) == (["LTU"], 0.25, "annual")
    assert facts_of(Target, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Partners should allocate 0.25% of their GDP to support Ukraine's defence industry.",
        "Zelensky called on allies to give 0.25% of GDP annually for Ukrainian weapons.",
        "Kyiv asks partners for 0.25% of GDP for Ukraine's defence.",
    ],
)
def test_a_share_of_gdp_asked_of_partners_is_a_target(text: str) -> None:
    target = only(Target, text)
    assert (target.metric, target.value, target.unit) == ("gdp_share", 0.25, "percent")
    assert facts_of(GdpPledge, text) == []


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Denmark has pledged a one-off 0.5% of GDP for Ukraine's military.", "once"),
        ("Denmark has pledged 0.5% of GDP each year for Ukraine's military.", "annual"),
    ],
)
def test_gdp_pledge_period(text: str, period: str) -> None:
    assert only(GdpPledge, text).period == period


def test_each_of_two_funders_pledging_one_share_is_a_pledge() -> None:
    text = (
        "Lithuania and Estonia have each pledged 0.25% of their GDP annually "
        "for military aid to Ukraine."
    )
    found = facts_of(GdpPledge, text)
    assert sorted((p.funder[0], p.share_pct) for p in found) == [("EST", 0.25), ("LTU", 0.25)]


def test_two_funders_with_two_shares() -> None:
    text = "The Danish government pledged 0.3% of GDP for Ukraine, and Sweden pledged 0.25% of GDP."
    found = facts_of(GdpPledge, text)
    assert sorted((p.funder[0], p.share_pct) for p in found) == [("DNK", 0.3), ("SWE", 0.25)]


@pytest.mark.parametrize(
    "text",
    [
        "NATO members agreed to spend 5% of GDP on defence.",  # a partner's own goal
        "Denmark pledged 0.25% of GDP to its own armed forces.",  # nothing for Ukraine
        "Denmark's economy grew by 2.5% of GDP last year.",
    ],
)
def test_no_gdp_fact(text: str) -> None:
    assert facts_of(GdpPledge, text) == []
    assert facts_of(Target, text) == []


def test_a_sum_to_raise_is_a_funding_target_not_a_commitment() -> None:
    text = "Ukraine aims to raise over $1 billion for drones through the Danish model in 2025."
    target = only(Target, text)
    assert (target.metric, target.value, target.unit) == ("funding", 1_000_000_000, "USD")
    assert (target.qualifier, target.year, target.subject) == ("over", 2025, "UKR")
    assert target.mechanism == "ukrainian_industry"
    assert facts_of(Commitment, text) == []


@pytest.mark.parametrize(
    ("text", "metric", "value", "unit", "qualifier"),
    [
        ("Ukraine plans to launch ten joint production projects abroad.",
         "projects", 10, "count", "exact"),
        ("Ukraine plans more than 20 joint ventures with foreign firms to make arms.",
         "projects", 20, "count", "over"),
        ("Ukraine wants 50% of weapons for its armed forces to be produced domestically.",
         "domestic_share", 50, "percent", "exact"),
        ("Today about 40% of the weapons used by Ukrainian forces are made in Ukraine.",
         "domestic_share", 40, "percent", "about"),
    ],
)  # fmt: skip
def test_projects_and_share_of_weapons_made_in_ukraine(
    text: str, metric: str, value: int, unit: str, qualifier: str
) -> None:
    target = only(Target, text)
    assert (target.metric, target.value, target.unit, target.qualifier) == (
        metric,
        value,
        unit,
        qualifier,
    )


def test_units_to_produce() -> None:
    target = only(Target, "Ukrainian manufacturers will produce 4.5 million drones in 2025.")
    assert (target.metric, target.value, target.unit, target.year) == (
        "output",
        4_500_000,
        "drones",
        2025,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine could have produced 3 million drones with more funding.",
        "Norway will send 300 tanks to Ukraine.",
        "Will Ukraine produce 4 million drones this year?",
    ],
)
def test_no_output_target(text: str) -> None:
    assert facts_of(Target, text) == []


def test_capitalised_qualifier_of_a_share() -> None:
    text = "About 40% of the weapons used by Ukrainian forces are made in Ukraine."
    assert only(Target, text).qualifier == "about"


def test_a_partners_own_production_goal_is_no_target() -> None:
    assert facts_of(Target, "Germany plans to build 300 tanks for its own army.") == []


PARTNER_NAMES = sorted(
    name
    for code, (names, _, _) in COUNTRIES.items()
    if code != "UKR" and code not in NOT_PARTNERS
    for name in names
    if not name.startswith("the ")
)
shares = st.decimals("0.01", "4.99", places=2).map(lambda d: float(d))


@QUICK
@given(st.sampled_from(PARTNER_NAMES), shares)
def test_any_funder_pledging_any_share_is_a_gdp_pledge(name: str, share: float) -> None:
    text = f"{name} pledged {share:g}% of its GDP for military aid to Ukraine."
    pledge = only(GdpPledge, text, PUB)
    code = next(c for c, (names, _, _) in COUNTRIES.items() if name in names)
    assert (pledge.funder, pledge.share_pct) == ([code], share)
    assert facts_of(Target, text) == []


@QUICK
@given(shares)
def test_any_share_asked_of_partners_is_a_target(share: float) -> None:
    text = (
        f"Partner countries should allocate {share:g}% of their GDP to Ukraine's defence industry."
    )
    target = only(Target, text)
    assert (target.metric, target.value) == ("gdp_share", share)
    assert facts_of(GdpPledge, text) == []


def test_a_domestic_share_written_in_words() -> None:
    text = "Home-made arms now make up about half of the weapons Ukrainian forces use."
    fact = only(Target, text)
    assert (fact.metric, fact.value, fact.qualifier) == ("domestic_share", 50.0, "about")


def test_a_budget_covering_a_third_of_needs_is_no_domestic_share() -> None:
    text = "The Ukrainian state budget covers less than a third of the needs of its arms makers."
    assert facts_of(Target, text) == []
