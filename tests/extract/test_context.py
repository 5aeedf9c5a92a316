"""What the fact builders read: sentences with their mentions (coprod.extract.context)."""

from __future__ import annotations

import pytest

from coprod.extract.context import MAX_BOILERPLATE_CHARS, build_context, is_boilerplate
from tests.extract.support import doc


def test_sentences_carry_their_mentions_money_and_dates_relative_to_themselves() -> None:
    text = "Headline\n\nNorway gave NOK 5 million on 4 May 2025. Kyiv thanked Oslo."
    ctx = build_context(doc(text))
    assert [v.text for v in ctx.sentences] == [
        "Headline",
        "Norway gave NOK 5 million on 4 May 2025.",
        "Kyiv thanked Oslo.",
    ]
    view = ctx.sentences[1]
    assert [view.text[m.start : m.end] for m in view.mentions] == ["Norway"]
    assert [view.text[m.start : m.end] for m in view.money] == ["NOK 5 million"]
    assert [(view.text[d.start : d.end], d.value) for d in view.dates] == [
        ("4 May 2025", "2025-05-04")
    ]
    start, end = view.span(0, len(view.text))
    assert text[start:end] == view.text
    assert [v.index for v in ctx.sentences] == [0, 1, 2]


def test_defence_flag() -> None:
    ctx = build_context(doc("Norway sent drones. Norway sent flowers."))
    assert [v.defence for v in ctx.sentences] == [True, False]


@pytest.mark.parametrize(
    ("text", "boilerplate"),
    [
        ("Subscribe to our newsletter", True),
        ("Read more", True),
        ("All rights reserved.", True),
        ("Norway gave NOK 5 million for drones.", False),
        ("Norway said readers may subscribe. " + "x" * MAX_BOILERPLATE_CHARS, False),
    ],
)
def test_boilerplate(text: str, boilerplate: bool) -> None:
    assert is_boilerplate(text) is boilerplate


def test_boilerplate_sentences_are_left_out() -> None:
    ctx = build_context(doc("Subscribe to our newsletter\nNorway gave NOK 5 million."))
    assert [v.text for v in ctx.sentences] == ["Norway gave NOK 5 million."]
    assert ctx.sentences[0].index == 0


def test_actors_before_are_foreign_states_nearest_first() -> None:
    text = (
        "Denmark and Norway met. "
        "Ukraine and Russia were discussed. "
        "The Danish model and Danish experts were praised. "
        "The Swedish government agreed. "
        "Then it paid."
    )
    ctx = build_context(doc(text))
    assert ctx.actors_before(4, window=4) == ["SWE", "NOR", "DNK"]
    assert ctx.actors_before(4, window=1) == ["SWE"]
    assert ctx.actors_before(0) == []


def test_main_partner_is_the_foreign_actor_named_most() -> None:
    text = "Norway met Ukraine. Denmark paid. Denmark and Ukraine signed. Russia attacked."
    assert build_context(doc(text)).main_partner() == "DNK"
    assert build_context(doc("Ukraine and Russia.")).main_partner() is None


def test_neighbouring_sentences() -> None:
    ctx = build_context(doc("One. Two. Three."))
    assert (ctx.previous_text(0), ctx.previous_text(1)) == ("", "One.")
    assert (ctx.next_text(1), ctx.next_text(2)) == ("Three.", "")


def test_a_place_is_no_actor_for_later_sentences() -> None:
    ctx = build_context(doc("Denmark's minister spoke in Paris. It paid."))
    assert ctx.actors_before(1) == ["DNK"]
