"""Sentence splitting with exact offsets (coprod.extract.sentences)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.extract.sentences import split_sentences
from tests.extract.support import QUICK


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Army signed a deal with Kyiv.",
        "The U.K. Government agreed to the plan.",
        "It was signed on Nov. 25 in Kyiv.",
        "It was signed on Jan. 5 in Oslo.",
        "Dr. Smith and Gen. Jones spoke.",
        "Mr. J. Smith spoke for the firm.",
        "The price was approx. 5 million.",
        "It costs €1.5 billion, officials said.",
    ],
)
def test_abbreviations_initials_and_decimals_do_not_end_a_sentence(text: str) -> None:
    assert texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Denmark paid. Norway paid.", ["Denmark paid.", "Norway paid."]),
        ("Will it work? Nobody knows!", ["Will it work?", "Nobody knows!"]),
        ("It cost €1.5 billion. 2025 was good.", ["It cost €1.5 billion.", "2025 was good."]),
        ('He said: "We will." Then he left.', ['He said: "We will."', "Then he left."]),
        ("The U.S. Army came. It left.", ["The U.S. Army came.", "It left."]),
        ("Ukrainian companies.European firms", ["Ukrainian companies.", "European firms"]),
        ("Prices rose. then fell.", ["Prices rose. then fell."]),  # lower case: same one
    ],
)
def test_sentence_ends(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline without a dot\nBody text", ["Headline without a dot", "Body text"]),
        ("Ends with Dr.\nSmith", ["Ends with Dr.", "Smith"]),
        ("The U.S.\nArmy", ["The U.S.", "Army"]),
        ("one\r\ntwo", ["one", "two"]),
        ("  lead  \n\n\n  tail ", ["lead", "tail"]),
    ],
)
def test_a_line_break_always_ends_a_sentence(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\n  \r\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_offsets_skip_leading_whitespace_and_lines() -> None:
    text = "\n\n  First one.  Second one.\nThird"
    found = split_sentences(text)
    assert [(s.start, s.end) for s in found] == [(4, 14), (16, 27), (28, 33)]


def test_sentence_ending_with_an_abbreviation() -> None:
    text = "The deal was signed with the U.S. The talks lasted a week."
    assert texts(text) == ["The deal was signed with the U.S.", "The talks lasted a week."]


# Words that are no abbreviation, so a dot after them always ends a sentence.
WORDS = ["drones", "Denmark", "signed", "the", "deal", "shells", "funds", "Kyiv", "army", "2025"]


@st.composite
def prose(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Sentences of known words joined by spaces or line breaks, and the sentences."""
    sentences = []
    for _ in range(draw(st.integers(1, 6))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
        first = words[0][0].upper() + words[0][1:]
        sentences.append(" ".join([first, *words[1:]]) + draw(st.sampled_from(".!?")))
    gaps = draw(st.lists(st.sampled_from([" ", "  ", "\n", " \n\n"]), min_size=len(sentences)))
    return "".join(g + s for g, s in zip(gaps, sentences, strict=False)), sentences


@QUICK
@given(prose())
def test_known_sentences_come_back_as_written(case: tuple[str, list[str]]) -> None:
    text, sentences = case
    assert texts(text) == sentences


# Pieces that stress the rules: abbreviations, initials, digits, line breaks.
TRICKY = st.sampled_from(["U.S.", "Nov.", "Dr.", " ", "\n", "\r", "A", "b", ".", "?", "1", "é"])
ANY_TEXT = st.one_of(st.text(), st.lists(TRICKY).map("".join))


@QUICK
@given(ANY_TEXT)
def test_offsets_are_exact_ordered_and_cover_every_visible_character(text: str) -> None:
    found = split_sentences(text)
    for s in found:
        assert s.text == text[s.start : s.end]
        assert s.text and s.text == s.text.strip()
        assert "\n" not in s.text
    assert all(a.end <= b.start for a, b in pairwise(found))
    covered = {i for s in found for i in range(s.start, s.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
