"""extract.trie: a trie-shaped alternation matches exactly what the plain one matches."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from coprod.extract.trie import trie_pattern
from tests.extract.support import QUICK

PHRASES = st.lists(st.text(alphabet="abcAB .-$", min_size=1, max_size=6), min_size=1, max_size=12)


def _plain(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(p) for p in ordered) + ")")


@QUICK
@given(PHRASES, st.text(alphabet="abcAB .-$x", max_size=30))
def test_same_matches_as_the_longest_first_alternation(phrases: list[str], text: str) -> None:
    trie = re.compile("(?:" + trie_pattern(phrases) + ")")
    assert [m.span() for m in trie.finditer(text)] == [
        m.span() for m in _plain(phrases).finditer(text)
    ]


@QUICK
@given(PHRASES)
def test_every_phrase_matches_whole(phrases: list[str]) -> None:
    trie = re.compile("(?:" + trie_pattern(phrases) + r")\Z")
    assert all(trie.match(p) for p in phrases)


def test_prefers_the_longest_phrase() -> None:
    pattern = re.compile(
        trie_pattern(["Den", "Denmark", "United States", "United States of America"])
    )
    for text, longest in (("Denmark's", "Denmark"), ("United States of America", None)):
        m = pattern.match(text)
        assert m is not None and m.group() == (longest or text)
