"""Sums of money as the news writes them (coprod.extract.money)."""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.extract.money import Money, find_money, parse_number
from tests.extract.support import QUICK


def one(text: str) -> Money:
    found = find_money(text)
    assert len(found) == 1, [(m.amount, m.currency, text[m.start : m.end]) for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Vilnius set aside €1.4 billion for the programme.", 1_400_000_000, "EUR"),
        ("The ministry allocated EUR 597 million to the fund.", 597_000_000, "EUR"),
        ("Washington approved $2.8bn in aid.", 2_800_000_000, "USD"),
        ("Copenhagen earmarked DKK 1.2 billion for the scheme.", 1_200_000_000, "DKK"),
        ("London pledged £1.6bn for air defence.", 1_600_000_000, "GBP"),
        ("Oslo gave NOK 500 million to the coalition.", 500_000_000, "NOK"),
        ("Kyiv spent 1.5 billion hryvnias on drones.", 1_500_000_000, "UAH"),
        ("Ottawa promised C$2 billion.", 2_000_000_000, "CAD"),
        ("The grant is 2.5 billion euros in total.", 2_500_000_000, "EUR"),
        ("The package is worth USD 1.5 billion.", 1_500_000_000, "USD"),
        ("It adds 5 million Canadian dollars.", 5_000_000, "CAD"),
        ("Stockholm adds SEK 1 billion.", 1_000_000_000, "SEK"),
        ("The contract is worth €300m.", 300_000_000, "EUR"),
        ("A grant of €300k went to the start-up.", 300_000, "EUR"),
        ("The loan is $ 3.5 bn over ten years.", 3_500_000_000, "USD"),
    ],
)
def test_amount_and_currency_of_each_written_form(text: str, amount: int, currency: str) -> None:
    money = one(text)
    assert money.amount == amount
    assert money.currency == currency
    assert money.qualifier == "exact"
    assert money.alt == []


def test_span_covers_the_figure_and_its_currency() -> None:
    text = "Norway gave NOK 500 million to Ukraine."
    money = one(text)
    assert text[money.start : money.end] == "NOK 500 million"


def test_conversion_in_brackets_is_an_alt_of_the_sum_before() -> None:
    text = "Lithuania will give 20 million euros ($21 million) for drones."
    money = one(text)
    assert (money.amount, money.currency) == (20_000_000, "EUR")
    assert money.alt == [(21_000_000, "USD")]
    assert text[money.start : money.end] == "20 million euros ($21 million)"


def test_conversion_in_square_brackets_with_roughly() -> None:
    money = one("Canada adds CAD 3 million [roughly US$2.2 million] for training.")
    assert (money.amount, money.currency) == (3_000_000, "CAD")
    assert money.alt == [(2_200_000, "USD")]


def test_alt_is_kept_as_written_even_when_the_rate_looks_wrong() -> None:
    money = one("The UK gave £12.5m (€99m) for boats.")
    assert (money.amount, money.currency) == (12_500_000, "GBP")
    assert money.alt == [(99_000_000, "EUR")]


def test_two_sums_in_a_row_are_not_alts_without_brackets() -> None:
    found = find_money("Denmark gave €5 million, Norway $6 million.")
    assert [(m.amount, m.currency, m.alt) for m in found] == [
        (5_000_000, "EUR", []),
        (6_000_000, "USD", []),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Belgium will give €2.5–3 billion in aid.",
        "Belgium will give EUR 2.5-3 billion in aid.",
        "Belgium will give 2.5 to 3 billion euros in aid.",
    ],
)
def test_range_takes_the_lower_figure_with_qualifier_over(text: str) -> None:
    money = one(text)
    assert (money.amount, money.currency, money.qualifier) == (2_500_000_000, "EUR", "over")


def test_range_with_both_ends_written_in_full() -> None:
    money = one("Belgium will give €2.5 billion–€3 billion in aid.")
    assert (money.amount, money.qualifier) == (2_500_000_000, "over")


@pytest.mark.parametrize(
    ("word", "qualifier"),
    [
        ("over", "over"),
        ("more than", "over"),
        ("at least", "over"),
        ("up to", "up_to"),
        ("as much as", "up_to"),
        ("about", "about"),
        ("nearly", "about"),
        ("almost", "about"),
        ("approximately", "about"),
        ("some", "about"),
    ],
)
def test_qualifier_before_the_figure(word: str, qualifier: str) -> None:
    money = one(f"Finland will provide {word} €90 million for shells.")
    assert (money.amount, money.qualifier) == (90_000_000, qualifier)


def test_bare_sums_in_a_list_take_the_currency_written_before() -> None:
    text = "Denmark gives 100 million kroner for drones, 372 million for guns and 5 million for X."
    found = find_money(text)
    assert [(m.amount, m.currency, m.bare) for m in found] == [
        (100_000_000, "DKK", False),
        (372_000_000, "DKK", True),
        (5_000_000, "DKK", True),
    ]
    assert [text[m.start : m.end] for m in found[1:]] == ["372 million", "5 million"]


def test_bare_sum_does_not_inherit_across_a_sentence_break() -> None:
    found = find_money("Denmark gave DKK 100 million. Then 50 million more came.")
    assert [m.amount for m in found] == [100_000_000]


def test_bare_sum_with_no_currency_anywhere_is_no_money() -> None:
    assert find_money("The army has 2 million rounds for 50 million people.") == []


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Norway will give 300 million kroner to the fund.", "NOK"),
        ("Denmark will give 300 million kroner to the fund.", "DKK"),
        ("Sweden will give 200 million kronor to the fund.", "SEK"),
        ("The fund gets 300 million Norwegian kroner.", "NOK"),
        ("The fund gets 300 million Danish kroner.", "DKK"),
    ],
)
def test_kroner_follow_the_country_named(text: str, currency: str) -> None:
    assert one(text).currency == currency


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("a grant of €1,400,000", 1_400_000),
        ("a loan of $1,250 million", 1_250_000_000),
        ("a loan of $12,500,000.50", 12_500_000.5),
        ("a grant of €1,4 billion", 1_400_000_000),  # decimal comma
    ],
)
def test_thousands_separators_and_decimal_comma(text: str, amount: float) -> None:
    assert one(text).amount == amount


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine received 1,000 drones and 155 mm shells.",
        "Lithuania pledged 0.25% of its GDP.",
        "The summit was held in 2024.",
        "",
    ],
)
def test_numbers_that_are_not_money(text: str) -> None:
    assert find_money(text) == []


def test_hyphenated_scale_as_an_adjective() -> None:
    assert one("Ottawa signed a €20-million contract for drones.").amount == 20_000_000


def test_space_as_thousands_separator() -> None:
    assert one("The city gave 500 000 euros for drones.").amount == 500_000


@pytest.mark.parametrize(
    ("raw", "value"), [("1,400", 1400), ("1,4", 1.4), ("2.7", 2.7), ("12,000,000", 12e6)]
)
def test_parse_number(raw: str, value: float) -> None:
    assert parse_number(raw) == value


# Currency forms as the news writes them, with the ISO code they stand for.
SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "C$": "CAD"}
CODES = ["EUR", "USD", "GBP", "DKK", "NOK", "SEK", "CAD", "UAH", "PLN", "CHF"]
WORDS = {
    "euros": "EUR",
    "dollars": "USD",
    "pounds": "GBP",
    "hryvnias": "UAH",
    "Canadian dollars": "CAD",
    "Danish kroner": "DKK",
    "Norwegian kroner": "NOK",
    "Swedish kronor": "SEK",
    "zlotys": "PLN",
}
SCALE_WORDS = {" million": 10**6, " billion": 10**9, "bn": 10**9, "m": 10**6, " thousand": 10**3}


@st.composite
def written_sums(draw: st.DrawFn) -> tuple[str, Decimal, str]:
    """A sum written one way or another, with the amount and currency it states."""
    whole = draw(st.integers(1, 999))
    decimals = draw(st.sampled_from(["", "5", "25", "75", "05"]))
    figure = f"{whole}.{decimals}" if decimals else str(whole)
    scale = draw(st.sampled_from(sorted(SCALE_WORDS)))
    amount = Decimal(figure) * SCALE_WORDS[scale]
    form = draw(st.sampled_from(["symbol", "code", "word"]))
    if form == "symbol":
        symbol = draw(st.sampled_from(sorted(SYMBOLS)))
        return f"{symbol}{figure}{scale}", amount, SYMBOLS[symbol]
    if form == "code":
        code = draw(st.sampled_from(CODES))
        return f"{code} {figure}{scale}", amount, code
    word = draw(st.sampled_from(sorted(WORDS)))
    return f"{figure}{scale} {word}", amount, WORDS[word]


@QUICK
@given(written_sums())
def test_any_written_sum_is_found_with_its_amount_and_currency(
    case: tuple[str, Decimal, str],
) -> None:
    written, amount, currency = case
    text = f"The ministry said {written} will go to the programme."
    money = one(text)
    assert money.amount == pytest.approx(float(amount), rel=1e-9)
    assert money.currency == currency
    assert text[money.start : money.end] == written


@QUICK
@given(st.integers(1_000, 10**11), st.sampled_from(sorted(SYMBOLS)))
def test_any_figure_with_thousands_separators(value: int, symbol: str) -> None:
    assert one(f"A grant of {symbol}{value:,} was approved.").amount == value


NEWS_TOKENS = st.sampled_from(
    ["€", "$", "£", "C$", "EUR", "DKK", "1", "2.5", "1,400", "3,4", "million", "bn", "m", "k",
     "euros", "kroner", "(", ")", "[", "]", "–", "-", "to", "over", "up to", "nearly", ",",
     ".", "for", "Norway", "Danish", "\n", " ", "and", "%"]
)  # fmt: skip
ARBITRARY_TEXT = st.one_of(st.text(), st.lists(NEWS_TOKENS, max_size=30).map("".join))


@QUICK
@given(ARBITRARY_TEXT)
def test_find_money_never_raises_and_its_spans_are_sane(text: str) -> None:
    found = find_money(text)
    for money in found:
        assert 0 <= money.start < money.end <= len(text)
        assert money.amount >= 0
        assert money.currency is None or re.fullmatch(r"[A-Z]{3}", money.currency)
        assert money.qualifier in ("exact", "over", "up_to", "about")
    assert all(a.end <= b.start for a, b in pairwise(found))
