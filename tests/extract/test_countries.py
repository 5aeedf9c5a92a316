"""Country, organisation, firm and official mentions (coprod.extract.countries)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.extract.countries import Mention, find_mentions
from coprod.extract.lexicon import COUNTRIES, OFFICIALS
from tests.extract.support import QUICK


def one(text: str) -> Mention:
    found = find_mentions(text)
    assert len(found) == 1, [(text[m.start : m.end], m.code) for m in found]
    return found[0]


def described(text: str) -> tuple[str, str, str]:
    """Surface, code and form of the single mention in `text`."""
    mention = one(text)
    return text[mention.start : mention.end], mention.code, mention.form


def surfaces(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.code) for m in find_mentions(text)]


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Denmark signed the deal.", "Denmark", "DNK"),
        ("The Netherlands pledged aid.", "Netherlands", "NLD"),
        ("The United Kingdom pledged aid.", "United Kingdom", "GBR"),
        ("The UK pledged aid.", "UK", "GBR"),
        ("The United States pledged aid.", "United States", "USA"),
        ("The U.S. pledged aid.", "U.S.", "USA"),
        ("South Korea pledged aid.", "South Korea", "KOR"),
        ("Czechia pledged aid.", "Czechia", "CZE"),
        ("Türkiye pledged aid.", "Türkiye", "TUR"),
        ("Ukraine's partners met.", "Ukraine", "UKR"),
    ],
)
def test_country_names(text: str, surface: str, code: str) -> None:
    assert described(text) == (surface, code, "name")
    assert not one(text).place and not one(text).attribute


@pytest.mark.parametrize(
    "text", ["The plant is in Denmark.", "Talks in the Netherlands ended.", "in northern Germany"]
)
def test_country_after_a_place_preposition_is_a_place(text: str) -> None:
    assert one(text).place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Copenhagen signed the deal.", False),
        ("Washington pledged more aid.", False),
        ("Ministers met in Copenhagen.", True),
        ("He was on a visit to London.", True),
        ("She returned from Paris.", True),
        ("Fighting continues near Kyiv.", True),
    ],
)
def test_capitals_stand_for_governments_unless_written_as_places(text: str, place: bool) -> None:
    mention = one(text)
    assert mention.form == "capital"
    assert mention.place is place


@pytest.mark.parametrize(
    "text",
    [
        "The Danish model works.",
        "Frozen Russian assets pay for it.",
        "Ukrainian-made drones flew.",
        "A German-led group met.",
        "It costs 5 million Norwegian kroner.",
        "Danish experts visited.",
    ],
)
def test_demonyms_in_set_phrases_are_attributes(text: str) -> None:
    mention = one(text)
    assert mention.form == "demonym"
    assert mention.attribute and not mention.government


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lithuanian Defence Minister Dovilė said so.", "LTU"),
        ("The Dutch Defense Minister said so.", "NLD"),
        ("The Swedish government said so.", "SWE"),
        ("The Estonian Prime Minister said so.", "EST"),
        ("The Norwegian side said so.", "NOR"),
        ("Finnish officials said so.", "FIN"),
    ],
)
def test_demonyms_before_a_government_word_stand_for_the_state(text: str, code: str) -> None:
    mention = one(text)
    assert (mention.code, mention.form, mention.government) == (code, "demonym", True)


@pytest.mark.parametrize("text", ["A Ukrainian company won.", "Danes like it.", "Polish troops"])
def test_other_demonyms_do_not_stand_for_the_state(text: str) -> None:
    assert not one(text).government


@pytest.mark.parametrize(
    "text", ["British Defence Secretary Anna said so.", "The German Chancellor said so."]
)
def test_secretary_and_chancellor_titles(text: str) -> None:
    assert one(text).government


def test_lower_case_minister_title() -> None:
    assert one("The Latvian defence minister said so.").government


def test_hyphenated_pair_of_demonyms() -> None:
    text = "A Danish-Ukrainian joint venture makes drones."
    assert [code for _, code in surfaces(text)] == ["DNK", "UKR"]


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Rheinmetall will build a plant.", "Rheinmetall", "DEU"),
        ("Fire Point makes missiles.", "Fire Point", "UKR"),
        ("BAE Systems Hägglunds builds CV90s.", "BAE Systems Hägglunds", "SWE"),
        ("BAE Systems builds guns.", "BAE Systems", "GBR"),
        ("Nammo makes shells.", "Nammo", "NOR"),
    ],
)
def test_companies_count_as_their_home_country(text: str, surface: str, code: str) -> None:
    assert described(text) == (surface, code, "company")


@pytest.mark.parametrize(
    ("text", "code", "place"),
    [
        ("The EU agreed.", "EU", False),
        ("NATO agreed.", "NATO", False),
        ("The European Commission agreed.", "EU", False),
        ("Brussels agreed.", "EU", False),
        ("Ministers met in Brussels.", "EU", True),
        ("The European Investment Bank lent it.", "EIB", False),
    ],
)
def test_organisations(text: str, code: str, place: bool) -> None:
    mention = one(text)
    assert (mention.code, mention.form, mention.place) == (code, "org", place)


@pytest.mark.parametrize(
    "text", ["USAID helped.", "Oslofjord is cold.", "He will polish it.", "Do us a favour.", ""]
)
def test_no_mention_inside_other_words_or_in_lower_case(text: str) -> None:
    assert find_mentions(text) == []


def test_several_mentions_in_order() -> None:
    text = "Denmark and Norway signed with Ukraine in Kyiv, said Frederiksen."
    assert surfaces(text) == [
        ("Denmark", "DNK"),
        ("Norway", "NOR"),
        ("Ukraine", "UKR"),
        ("Kyiv", "UKR"),
        ("Frederiksen", "DNK"),
    ]


COUNTRY_NAMES = sorted((name, code) for code, (names, _, _) in COUNTRIES.items() for name in names)
CAPITALS = sorted((cap, code) for code, (_, _, caps) in COUNTRIES.items() for cap in caps)
ADJECTIVES = ["Danish", "Swedish", "Norwegian", "Lithuanian", "Latvian", "Estonian", "Polish",
              "German", "French", "Dutch", "British", "Canadian", "Japanese", "Czech", "Finnish",
              "Italian", "Spanish", "Ukrainian"]  # fmt: skip
GOVERNMENT_TITLES = ["Defence Minister", "Defense Minister", "Prime Minister", "government",
                     "Foreign Minister", "President", "authorities", "Ministry"]  # fmt: skip


@QUICK
@given(st.sampled_from(COUNTRY_NAMES), st.sampled_from(["in", "at", "near", "across"]))
def test_any_country_is_an_actor_as_subject_and_a_place_after_a_preposition(
    country: tuple[str, str], preposition: str
) -> None:
    name, code = country
    actor = one(f"{name} signed the deal.")
    place = one(f"The factory is {preposition} {name}.")
    assert (actor.code, actor.place) == (code, False)
    assert (place.code, place.place) == (code, True)


@QUICK
@given(st.sampled_from(CAPITALS), st.sampled_from(["in", "to", "from", "a visit to"]))
def test_any_capital_is_a_government_as_subject_and_a_place_after_a_preposition(
    capital: tuple[str, str], preposition: str
) -> None:
    name, code = capital
    actor = one(f"{name} signed the deal.")
    assert (actor.code, actor.form, actor.place) == (code, "capital", False)
    assert one(f"Talks went {preposition} {name}.").place


@QUICK
@given(st.sampled_from(ADJECTIVES), st.sampled_from(GOVERNMENT_TITLES))
def test_any_demonym_before_a_government_title_stands_for_the_state(
    adjective: str, title: str
) -> None:
    assert one(f"The {adjective} {title} said so.").government
    assert not one(f"A {adjective} engineer said so.").government


@QUICK
@given(st.sampled_from(sorted(OFFICIALS.items())))
def test_any_known_official_names_the_country_as_a_government(official: tuple[str, str]) -> None:
    name, code = official
    mention = one(f"On Monday {name} said more aid would come.")
    assert (mention.code, mention.form, mention.government) == (code, "official", True)


NAMED_TEXT = st.lists(
    st.sampled_from([n for n, _ in COUNTRY_NAMES + CAPITALS] + ADJECTIVES + [" ", "-", "in ", "'s"])
).map("".join)


@QUICK
@given(st.one_of(st.text(), NAMED_TEXT))
def test_find_mentions_never_raises_and_mentions_are_in_order(text: str) -> None:
    found = find_mentions(text)
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.code.isupper()
    assert all(a.end <= b.start for a, b in pairwise(found))
