"""Commitments: money for Ukraine's defence (coprod.extract.commitments via extract_facts)."""

from __future__ import annotations

import pytest

from coprod.model import Commitment
from tests.extract.support import PUB, facts_of, only


def test_a_commitment_with_every_field_stated() -> None:
    text = (
        "Lithuania will allocate 20 million euros ($21 million) in 2026 to buy drones "
        "from Ukrainian manufacturers."
    )
    fact = only(Commitment, text)
    assert fact.funder == ["LTU"]
    assert (fact.amount, fact.currency) == (20_000_000, "EUR")
    assert fact.alt == [(21_000_000, "USD")]
    assert fact.qualifier == "exact"
    assert fact.mechanism == "ukrainian_industry"
    assert fact.categories == ["drones"]
    assert fact.status == "planned"
    assert fact.cumulative is False
    assert fact.year == 2026
    assert fact.evidence == text


@pytest.mark.parametrize(
    ("text", "funder"),
    [
        ("Denmark and Norway will allocate €178 million to drones for Ukraine.", ["DNK", "NOR"]),
        ("Ukraine will receive €40 million from Sweden for air defence.", ["SWE"]),
        ("Copenhagen has earmarked DKK 600 million for the Danish model.", ["DNK"]),
        ("Frederiksen announced DKK 300 million for air defence for Ukraine.", ["DNK"]),
        ("The Swedish government approved SEK 2 billion for artillery for Ukraine.", ["SWE"]),
        ("The EIB will lend Ukraine €400 million to buy air defence systems.", ["EIB"]),
        (
            "Norway is a close partner of Ukraine. The country will provide NOK 700 million "
            "for drones.",
            ["NOR"],
        ),
        ("Ukraine's state budget for 2025 includes UAH 20 billion for drones.", ["UKR"]),
        ("Officials said €50 million will go to Ukrainian drone makers.", []),
    ],
)
def test_funder(text: str, funder: list[str]) -> None:
    assert only(Commitment, text).funder == funder


def test_a_place_is_not_the_funder() -> None:
    fact = only(Commitment, "In Denmark, Norway announced €90 million for shells for Ukraine.")
    assert fact.funder == ["NOR"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Finland plans to allocate €90 million for shells for Ukraine.", "planned"),
        ("Finland will allocate €90 million for shells for Ukraine.", "planned"),
        ("Finland pledged €90 million for shells for Ukraine.", "pledged"),
        ("Finland announced €90 million for shells for Ukraine.", "pledged"),
        ("Finland announced that it will allocate €90 million for shells for Ukraine.", "pledged"),
        ("Finland has allocated €90 million for shells for Ukraine.", "allocated"),
        ("Finland earmarked €90 million for shells for Ukraine.", "allocated"),
        ("Finland transferred €90 million for shells for Ukraine.", "allocated"),
        ("Finland delivered €90 million worth of shells to Ukraine.", "delivered"),
    ],
)
def test_status_follows_the_verb_of_the_sum(text: str, status: str) -> None:
    assert only(Commitment, text).status == status


@pytest.mark.parametrize(
    ("text", "mechanism"),
    [
        ("Estonia will pay €30 million for drones from Ukrainian makers.", "ukrainian_industry"),
        ("Sweden will fund the Danish model with SEK 500 million.", "ukrainian_industry"),
        ("Denmark will finance joint production of drones with Ukraine worth DKK 500 million.",
         "coproduction"),
        ("Poland will buy ammunition from Czech producers for Ukraine for €100 million.",
         "procurement"),
        ("Norway pledged NOK 500 million to the International Fund for Ukraine.", "fund"),
        ("The Netherlands contributed €500 million to PURL for Ukraine.", "fund"),
        ("Japan will provide a $3 billion loan to Ukraine for weapons purchases.", "loan"),
        ("Italy approved a €300 million military aid package for Ukraine.", "other"),
    ],
)  # fmt: skip
def test_mechanism(text: str, mechanism: str) -> None:
    assert only(Commitment, text).mechanism == mechanism


@pytest.mark.parametrize(
    ("text", "cumulative"),
    [
        ("The Netherlands has so far given €910 million for drones for Ukraine.", True),
        ("Denmark has allocated €1 billion to Ukraine's military since 2022.", True),
        ("Spain has provided a total of €1 billion in military aid to Ukraine.", True),
        ("Spain will allocate €1 billion in military aid to Ukraine.", False),
        ("Spain pledged €1 billion in military aid to Ukraine.", False),
    ],
)
def test_running_totals_are_cumulative(text: str, cumulative: bool) -> None:
    assert only(Commitment, text).cumulative is cumulative


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Germany will provide €2 billion in 2026 for air defence for Ukraine.", 2026),
        ("Norway will allocate NOK 2 billion for Ukrainian drones this year.", int(PUB[:4])),
        ("Norway will allocate NOK 2 billion for Ukrainian drones next year.", int(PUB[:4]) + 1),
        ("Norway will allocate NOK 2 billion for Ukrainian drones.", None),
        ("Denmark has allocated €1 billion to Ukraine's military since 2022.", None),
    ],
)
def test_year_the_money_is_for(text: str, year: int | None) -> None:
    assert only(Commitment, text).year == year


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("Sweden gave SEK 1 billion for artillery shells for Ukraine.", ["ammunition"]),
        ("Sweden gave SEK 1 billion for howitzers for Ukraine.", ["artillery"]),
        ("Sweden gave SEK 1 billion for air defence for Ukraine.", ["air_defense"]),
        ("Sweden gave SEK 1 billion for cyber defence for Ukraine.", ["cyber"]),
        ("Sweden gave SEK 1 billion for sea drones for Ukraine.", ["drones", "naval"]),
        ("Sweden gave SEK 1 billion in military aid to Ukraine.", []),
    ],
)
def test_categories_named_for_the_sum(text: str, categories: list[str]) -> None:
    assert sorted(only(Commitment, text).categories) == sorted(categories)


@pytest.mark.parametrize(
    ("word", "qualifier"),
    [("more than", "over"), ("up to", "up_to"), ("nearly", "about"), ("", "exact")],
)
def test_qualifier_of_the_sum(word: str, qualifier: str) -> None:
    text = f"Finland will allocate {word} €90 million for shells for Ukraine."
    assert only(Commitment, text).qualifier == qualifier


def test_a_range_is_its_lower_figure_with_over() -> None:
    fact = only(Commitment, "Belgium will give €2.5–3 billion in military aid to Ukraine.")
    assert (fact.amount, fact.qualifier) == (2_500_000_000, "over")


def test_each_sum_of_a_list_is_a_commitment_of_the_same_funder() -> None:
    text = "Denmark allocated 100 million kroner for drones and 372 million for guns for Ukraine."
    found = facts_of(Commitment, text)
    assert [(f.funder, f.amount, f.currency) for f in found] == [
        (["DNK"], 100_000_000, "DKK"),
        (["DNK"], 372_000_000, "DKK"),
    ]


def test_the_same_sum_stated_twice_is_one_fact() -> None:
    text = (
        "Finland gave €50 million for Ukraine's military.\n"
        "The Finnish contribution of €50 million was confirmed by Kyiv."
    )
    assert len(facts_of(Commitment, text)) == 1


def test_two_different_sums_are_two_facts() -> None:
    text = "Finland gave €50 million for drones for Ukraine. Latvia gave €7 million for shells."
    assert [(f.funder, f.amount) for f in facts_of(Commitment, text)] == [
        (["FIN"], 50_000_000),
        (["LVA"], 7_000_000),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Rheinmetall reported revenues of €9 billion from ammunition sales.",
        "The Ukrainian defence market is worth $20 billion.",
        "Russia's military budget will reach $140 billion.",
        "A single drone for the army costs €2,000.",
        "The European Investment Bank will lend Ukraine €400 million to repair power plants.",
        "Japan will give $100 million for reconstruction in Ukraine.",
        "Will Denmark give €50 million for drones to Ukraine?",
        "The drone maker Skyeton will invest €20 million in a new factory in Slovakia.",
        "Ukraine aims to raise $1 billion for drones this year.",
        "Denmark's economy grew by €3 billion.",
    ],
)
def test_sums_that_are_no_commitment(text: str) -> None:
    assert facts_of(Commitment, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Austria will give €10 million in humanitarian aid to Ukraine.",
        "The EU will provide €5 billion in macro-financial assistance to Ukraine.",
    ],
)
def test_non_defence_aid_is_no_commitment(text: str) -> None:
    assert facts_of(Commitment, text) == []


def test_a_firms_own_investment_is_no_commitment() -> None:
    text = "Rheinmetall will invest €300 million in an ammunition plant in Ukraine."
    assert facts_of(Commitment, text) == []


def test_funder_named_by_a_title() -> None:
    text = "The German Chancellor announced €500 million for air defence for Ukraine."
    assert only(Commitment, text).funder == ["DEU"]


def test_funder_named_earlier_in_the_same_sentence() -> None:
    text = "The Latvian defence minister said the country will pay €20 million for drones for Kyiv."
    assert only(Commitment, text).funder == ["LVA"]


def test_ukraines_own_budget_named_by_a_pronoun() -> None:
    text = "Ukraine will spend UAH 20 billion from its state budget on drones."
    assert only(Commitment, text).funder == ["UKR"]


def test_a_four_digit_count_is_no_year() -> None:
    assert only(Commitment, "Poland will pay €50 million for 2000 drones for Ukraine.").year is None


def test_categories_of_each_sum_in_a_list() -> None:
    text = (
        "Denmark allocated 100 million kroner for drones, 372 million for artillery "
        "and 50 million for mines for Ukraine."
    )
    assert [f.categories for f in facts_of(Commitment, text)] == [
        ["drones"],
        ["artillery"],
        ["mines"],
    ]


def test_lending_is_a_loan() -> None:
    text = "The EIB will lend Ukraine €400 million to buy air defence systems."
    assert only(Commitment, text).mechanism == "loan"


def test_financing_production_in_ukraine_is_ukrainian_industry() -> None:
    text = "Denmark will finance the production of long-range drones in Ukraine with DKK 400m."
    assert only(Commitment, text).mechanism == "ukrainian_industry"


def test_back_reference_skips_a_place() -> None:
    text = (
        "Denmark's defence minister spoke at a summit in Germany on Monday. "
        "The country will provide DKK 400 million for drones for Ukraine."
    )
    assert only(Commitment, text).funder == ["DNK"]


def test_a_teaser_sum_is_never_pinned_on_the_story_above() -> None:
    text = (
        "Denmark will give DKK 500 million to Ukrainian drone makers.\n\n"
        "Read next\n"
        "It will pay $300 million more for air defence"
    )
    found = {f.amount: f.funder for f in facts_of(Commitment, text)}
    assert found[500_000_000] == ["DNK"]
    assert found.get(300_000_000, []) != ["DNK"]


def test_a_sentence_continuing_a_sum_keeps_its_funder() -> None:
    text = (
        "Denmark will give DKK 500 million to Ukrainian drone makers. "
        "It will pay $300 million more."
    )
    found = {f.amount: f.funder for f in facts_of(Commitment, text)}
    assert found[300_000_000] == ["DNK"]
