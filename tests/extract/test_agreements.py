"""Agreements between Ukraine and foreign partners (coprod.extract.agreements via extract_facts)."""

from __future__ import annotations

import pytest

from coprod.model import Agreement
from tests.extract.support import facts_of, only

TUESDAY = "2025-06-24"  # publication date for relative dates: the Friday before is 06-20


def test_an_agreement_with_every_field_stated() -> None:
    text = "Denmark and Ukraine signed a deal on joint production of drones in Denmark on July 4."
    fact = only(Agreement, text, TUESDAY)
    assert fact.parties == ["DNK", "UKR"]
    assert fact.kind == "coproduction"
    assert fact.stage == "signed"
    assert fact.host == "DNK"
    assert fact.categories == ["drones"]
    assert fact.date == "2024-07-04"  # July lies after the publication month: last year
    assert fact.evidence == text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The United Kingdom and Ukraine signed a bilateral security agreement.", "security"),
        ("Poland signed a contract for the purchase of Ukrainian drones.", "procurement"),
        ("Ukraine and Lithuania signed a memorandum on defence-industrial cooperation.",
         "cooperation"),
        ("Norway and Ukraine signed a deal on joint production of shells.", "coproduction"),
        ("The British firm BAE Systems will produce guns under licence in Ukraine.",
         "coproduction"),
    ],
)  # fmt: skip
def test_kind(text: str, kind: str) -> None:
    assert only(Agreement, text).kind == kind


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Ukraine and Germany plan to open a drone factory in Germany.", "planned"),
        ("Ukraine and Germany are negotiating a security agreement.", "negotiating"),
        ("Ukraine and Germany signed a letter of intent on joint production.", "preliminary"),
        ("Ukraine and Germany signed a memorandum on defence cooperation.", "preliminary"),
        ("Ukraine and Germany signed a security agreement.", "signed"),
        ("Fire Point has started producing missiles in Denmark.", "operational"),
    ],
)
def test_stage(text: str, stage: str) -> None:
    assert only(Agreement, text).stage == stage


def test_the_most_advanced_stage_of_one_deal_wins() -> None:
    text = (
        "Denmark and Ukraine plan joint production of drones in Denmark. "
        "The agreement was signed on 4 July 2024. "
        "Production has started at the plant in Denmark."
    )
    fact = only(Agreement, text)
    assert (fact.parties, fact.kind, fact.stage) == (["DNK", "UKR"], "coproduction", "operational")
    assert (fact.host, fact.date) == ("DNK", "2024-07-04")  # kept from earlier sentences


def test_a_deal_mentioned_three_times_is_one_fact() -> None:
    text = "\n".join(["Denmark and Ukraine plan joint production of drones."] * 3)
    assert len(facts_of(Agreement, text)) == 1


def test_talks_with_several_partners_are_one_fact_per_partner() -> None:
    text = "Ukraine is in talks with Denmark, Norway and Germany on joint production of ammunition."
    found = facts_of(Agreement, text)
    assert sorted(tuple(f.parties) for f in found) == [
        ("DEU", "UKR"),
        ("DNK", "UKR"),
        ("NOR", "UKR"),
    ]
    assert {(f.kind, f.stage) for f in found} == {("coproduction", "negotiating")}


@pytest.mark.parametrize(
    ("text", "party", "companies"),
    [
        ("Ukraine signed an agreement with Nammo to produce shells in Ukraine.", "NOR", ["Nammo"]),
        (
            "The Czech company Excalibur Army and Ukraine's Ukroboronprom signed a contract "
            "for the supply of shells.",
            "CZE",
            ["Excalibur Army", "Ukroboronprom"],
        ),
    ],
)
def test_a_firm_counts_as_its_home_country(text: str, party: str, companies: list[str]) -> None:
    fact = only(Agreement, text)
    assert fact.parties == sorted([party, "UKR"])
    assert fact.companies == companies


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("The UK and Ukraine signed a deal on the production of drones in Britain.", "GBR"),
        ("Rheinmetall and Ukraine agreed to build an ammunition plant in Ukraine.", "UKR"),
        ("Norway and Ukraine signed a deal on joint production of shells.", None),
    ],
)
def test_host_is_where_production_takes_place(text: str, host: str | None) -> None:
    assert only(Agreement, text).host == host


def test_the_city_of_signing_is_not_the_host() -> None:
    text = (
        "Denmark and Ukraine signed an agreement on joint production of drones. "
        "The agreement was signed in Copenhagen."
    )
    assert only(Agreement, text).host is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Ukraine and Lithuania signed a memorandum on drones on Friday.", "2025-06-20"),
        ("Ukraine and Poland signed a security agreement on 8 July 2024 in Warsaw.", "2024-07-08"),
        ("The UK and Ukraine signed a security agreement in January 2024.", "2024-01"),
        ("Ukraine and Poland signed a security agreement last year.", "2024"),
        ("Ukraine and Poland signed a security agreement.", None),
    ],
)
def test_date_resolved_against_publication(text: str, date: str | None) -> None:
    assert only(Agreement, text, TUESDAY).date == date


def test_partner_named_in_the_sentence_before() -> None:
    text = (
        "The Danish Defence Minister visited Kyiv on Monday. "
        "The two countries signed a memorandum on drone production."
    )
    fact = only(Agreement, text)
    assert (fact.parties, fact.stage) == (["DNK", "UKR"], "preliminary")


@pytest.mark.parametrize(
    ("text", "partner", "stage"),
    [
        ("Sweden joined the drone coalition for Ukraine in February 2024.", "SWE", "signed"),
        ("Sweden will join the IT coalition for Ukraine.", "SWE", "planned"),
        ("Estonia signed a memorandum to join the IT coalition.", "EST", "preliminary"),
    ],
)
def test_a_role_in_a_capability_coalition_is_cooperation(
    text: str, partner: str, stage: str
) -> None:
    fact = only(Agreement, text)
    assert (fact.parties, fact.kind, fact.stage) == (sorted([partner, "UKR"]), "cooperation", stage)


def test_a_bare_list_of_coalition_members_is_no_agreement() -> None:
    text = "Latvia leads the drone coalition. The coalition includes Sweden, Estonia and Canada."
    assert [f.parties for f in facts_of(Agreement, text)] == [["LVA", "UKR"]]


@pytest.mark.parametrize(
    "text",
    [
        "Norway will supply Ukraine with six howitzers.",
        "Will Norway sign a deal with Ukraine on joint production?",
        "Russia and Belarus signed an agreement on joint production of drones.",
        "The weather in Kyiv was mild on Friday.",
    ],
)
def test_no_agreement(text: str) -> None:
    assert facts_of(Agreement, text) == []


def test_a_deal_between_two_other_countries_on_energy_is_no_agreement() -> None:
    assert facts_of(Agreement, "The United States and Russia signed a deal on energy.") == []


def test_firms_producing_together() -> None:
    fact = only(Agreement, "A Ukrainian firm and a Dutch company will produce drones together.")
    assert (fact.parties, fact.kind) == (["NLD", "UKR"], "coproduction")


def test_a_joint_venture_set_up_is_signed() -> None:
    text = "Ukraine has set up a joint venture with a Danish company to make rocket fuel."
    assert only(Agreement, text).stage == "signed"
